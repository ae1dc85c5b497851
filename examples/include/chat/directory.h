#ifndef CHAT_DIRECTORY_H
#define CHAT_DIRECTORY_H

#include <memory>
#include <string>

namespace chat {

// What the server knows about one user: loaded on first use and shared by
// every room and session that shows the user.
struct UserProfile {
  std::string name;
  std::string avatar;
};

// Returns the one profile object of `name`, loading it on first use.
std::shared_ptr<UserProfile> lookupUser(const std::string &name);

// The display width of `name`, memoised.
int displayWidth(const std::string &name);

} // namespace chat

#endif // CHAT_DIRECTORY_H
