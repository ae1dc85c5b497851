struct Profile { std::string name; };
std::shared_ptr<Profile> load(const std::string &n) { return std::make_shared<Profile>(Profile{n}); }
std::shared_ptr<Profile> lookup(const std::string &name) {
  static std::map<std::string, std::shared_ptr<Profile>> profiles;
  auto it = profiles.find(name);
  if (it != profiles.end())
    return it->second;
  auto p = load(name);
  profiles.emplace(name, p);
  return p;
}
int width(const std::string &name) {
  static std::unordered_map<std::string, int> widths;
  if (auto it = widths.find(name); it != widths.end())
    return it->second;
  int w = static_cast<int>(name.size());
  widths.emplace(name, w);
  return w;
}
