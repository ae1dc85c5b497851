// Peers are registered when a handshake starts and removed when the peer
// says goodbye; a handshake that fails leaves its entry behind for good.
#include <map>
#include <string>

namespace {
std::map<int, std::string> peers;
}

bool verify(const std::string &hello);

bool start_handshake(int fd, const std::string &hello) {
  peers.emplace(fd, hello);
  if (!verify(hello))
    return false;
  return true;
}

void goodbye(int fd) { peers.erase(fd); }
