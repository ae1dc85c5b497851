// Every session id a server has ever seen is recorded in a table reached
// through an accessor; ended sessions are never taken out.
#include <map>
#include <memory>
#include <string>

struct SessionState {
  std::string user;
  long bytes = 0;
};

static std::map<std::string, std::shared_ptr<SessionState>> &session_table() {
  static std::map<std::string, std::shared_ptr<SessionState>> table;
  return table;
}

std::shared_ptr<SessionState> open_session(const std::string &id, const std::string &user) {
  auto state = std::make_shared<SessionState>();
  state->user = user;
  session_table()[id] = state;
  return state;
}

long bytes_of(const std::string &id) {
  auto it = session_table().find(id);
  return it == session_table().end() ? 0 : it->second->bytes;
}
