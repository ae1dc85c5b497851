// A real-header translation unit with caches for bench/check_profile.py:
// Boost.Asio plus a resolver cache, a memo cache, an identity cache and an
// instance registry, so that the check does its full analysis (the parent map
// of the whole translation unit included).
#include <boost/asio.hpp>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace bench {

using boost::asio::ip::tcp;

tcp::resolver::results_type resolve(boost::asio::io_context &io,
                                    const std::string &host) {
  static std::map<std::string, tcp::resolver::results_type> resolved;
  auto it = resolved.find(host);
  if (it != resolved.end())
    return it->second;
  tcp::resolver resolver(io);
  auto results = resolver.resolve(host, "443");
  resolved.emplace(host, results);
  return results;
}

int fib(int n) {
  static std::unordered_map<int, int> results;
  if (auto it = results.find(n); it != results.end())
    return it->second;
  int v = n < 2 ? n : fib(n - 1) + fib(n - 2);
  results.emplace(n, v);
  return v;
}

struct Session {
  explicit Session(boost::asio::io_context &io) : socket(io) {}
  tcp::socket socket;
};

std::shared_ptr<Session> session(boost::asio::io_context &io,
                                 const std::string &peer) {
  static std::map<std::string, std::shared_ptr<Session>> sessions;
  auto it = sessions.find(peer);
  if (it != sessions.end())
    return it->second;
  auto s = std::make_shared<Session>(io);
  sessions.emplace(peer, s);
  return s;
}

class Timer {
public:
  explicit Timer(boost::asio::io_context &io) : timer_(io) {
    all_.push_back(this);
  }
  static std::size_t count() { return all_.size(); }

private:
  boost::asio::steady_timer timer_;
  static std::vector<Timer *> all_;
};
std::vector<Timer *> Timer::all_;

} // namespace bench
