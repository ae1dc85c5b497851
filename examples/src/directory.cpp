#include "chat/directory.h"

#include <map>
#include <unordered_map>

namespace chat {

namespace {
std::shared_ptr<UserProfile> loadProfile(const std::string &name) {
  return std::make_shared<UserProfile>(UserProfile{name, name + ".png"});
}
} // namespace

// refcycle-unbounded-cache: every profile ever looked up stays alive here,
// even after the user logged out and no room shows it any more.
std::shared_ptr<UserProfile> lookupUser(const std::string &name) {
  static std::map<std::string, std::shared_ptr<UserProfile>> profiles;
  auto it = profiles.find(name);
  if (it != profiles.end())
    return it->second;
  auto profile = loadProfile(name);
  profiles.emplace(name, profile);
  return profile;
}

// refcycle-unbounded-cache: one entry per distinct name, forever.
int displayWidth(const std::string &name) {
  static std::unordered_map<std::string, int> widths;
  if (auto it = widths.find(name); it != widths.end())
    return it->second;
  int width = 0;
  for (char c : name)
    width += (static_cast<unsigned char>(c) < 0x80) ? 1 : 2;
  widths.emplace(name, width);
  return width;
}

} // namespace chat
