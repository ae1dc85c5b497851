// LSP: refcycle-unbounded-cache 'pending_' 20
// A table of calls in progress: a call is added when it starts and removed
// when it completes, except on the early return for a closed channel.
#include <set>

class Channel {
public:
  bool wait(unsigned id);

private:
  bool ready(unsigned id) const;
  bool closed_ = false;
  std::set<unsigned> pending_;
};

bool Channel::wait(unsigned id) {
  if (!pending_.insert(id).second)
    return false;
  while (!ready(id)) {
    if (closed_) return false;
  }
  pending_.erase(id);
  return false;
}
