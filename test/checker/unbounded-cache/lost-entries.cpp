// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17
// RUN: %check_clang_tidy --fix-notes --compile-fixed --check-suffix=FIX %s refcycle-unbounded-cache %t.fix -- -- -std=c++17

// Entries one function adds and then loses track of, in tables that do
// shrink: a return that skips the removal its siblings do, and operator[]
// right after erase(), which puts the erased key back.

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

bool ready(unsigned);
void send(const std::string &);
void later(std::function<bool()>);

// A pending-call table: every return but one takes the call's id out again
// (wpilibsuite/ntcore, Storage::GetRpcResult).
class Calls {
public:
  bool wait(bool blocking, unsigned id) {
    if (!pending_.insert(id).second)
      return false;
    for (;;) {
      if (!ready(id)) {
        if (!blocking) return false;
        // CHECK-NOTES: :[[@LINE-1]]:24: warning: this return keeps 'id' in 'Calls::pending_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
        // CHECK-MESSAGES-FIX: :[[@LINE-2]]:24: warning: this return keeps 'id' in 'Calls::pending_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
        // CHECK-NOTES: :[[@LINE-7]]:19: note: 'id' is added to 'Calls::pending_' here
        // CHECK-NOTES: :[[@LINE+7]]:20: note: and removed here before that return
        // CHECK-NOTES: :[[@LINE-5]]:24: note: remove 'id' before returning, as that return does
        // CHECK-FIXES-FIX: {{^}}        if (!blocking) {{{$}}
        // CHECK-FIXES-FIX-NEXT: {{^}}          pending_.erase(id);{{$}}
        // CHECK-FIXES-FIX-NEXT: {{^}}          return false;{{$}}
        // CHECK-FIXES-FIX-NEXT: {{^}}        }{{$}}
        if (id == 7) {
          pending_.erase(id);
          return false;
        }
        continue;
      }
      pending_.erase(id);
      return true;
    }
  }
  // A return that is a loop's body gets the same braced block.
  bool poll(bool blocking, unsigned id) {
    if (!pending_.insert(id).second)
      return false;
    while (!blocking) return false;
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: this return keeps 'id' in 'Calls::pending_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
    // CHECK-MESSAGES-FIX: :[[@LINE-2]]:23: warning: this return keeps 'id' in 'Calls::pending_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-5]]:19: note: 'id' is added to 'Calls::pending_' here
    // CHECK-NOTES: :[[@LINE+7]]:16: note: and removed here before that return
    // CHECK-NOTES: :[[@LINE-5]]:23: note: remove 'id' before returning, as that return does
    // CHECK-FIXES-FIX: {{^}}    while (!blocking) {{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}      pending_.erase(id);{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}      return false;{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    }{{$}}
    if (id == 7) {
      pending_.erase(id);
      return false;
    }
    pending_.erase(id);
    return true;
  }

private:
  std::set<unsigned> pending_;
};

// A void function: an explicit return in a block needs no braces; the
// return of a lambda written inside is the lambda's own.
class Jobs {
public:
  void run(std::string name) {
    running_.insert(name);
    later([] { return false; });
    if (name.empty()) {
      send(name);
      return;
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: this return keeps 'name' in 'Jobs::running_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
      // CHECK-MESSAGES-FIX: :[[@LINE-2]]:7: warning: this return keeps 'name' in 'Jobs::running_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
      // CHECK-NOTES: :[[@LINE-7]]:14: note: 'name' is added to 'Jobs::running_' here
      // CHECK-NOTES: :[[@LINE+6]]:14: note: and removed here before that return
      // CHECK-NOTES: :[[@LINE-5]]:7: note: remove 'name' before returning, as that return does
      // CHECK-FIXES-FIX: {{^}}      running_.erase(name);{{$}}
      // CHECK-FIXES-FIX-NEXT: {{^}}      return;{{$}}
    }
    send(name);
    running_.erase(name);
    return;
  }

private:
  std::set<std::string> running_;
};

// Roll back on failure, keep on success: the results differ, no warning.
class Subscriptions {
public:
  bool subscribe(const std::string &topic) {
    topics_.insert(topic);
    if (!ready(topic.size())) {
      topics_.erase(topic);
      return false;
    }
    return true;
  }
  // A removal that may or may not run before the return: cannot tell.
  bool poll(const std::string &topic, bool drop) {
    topics_.insert(topic);
    if (drop)
      topics_.erase(topic);
    if (ready(1))
      return false;
    topics_.erase(topic);
    return false;
  }

private:
  std::set<std::string> topics_;
};

// A keyed container known only by its interface (llvm::SmallSet-like).
template <class T> class SmallSet {
public:
  std::pair<int, bool> insert(const T &);
  bool erase(const T &);
  unsigned count(const T &) const;
};
class Tickets {
public:
  int take(int ticket) {
    issued_.insert(ticket);
    if (ticket < 0)
      return -1;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: this return keeps 'ticket' in 'Tickets::issued_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
    // CHECK-MESSAGES-FIX: :[[@LINE-2]]:7: warning: this return keeps 'ticket' in 'Tickets::issued_' forever: another return with the same result removes it first [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-5]]:13: note: 'ticket' is added to 'Tickets::issued_' here
    // CHECK-NOTES: :[[@LINE+7]]:15: note: and removed here before that return
    // CHECK-NOTES: :[[@LINE-5]]:7: note: remove 'ticket' before returning, as that return does
    // CHECK-FIXES-FIX: {{^}}    if (ticket < 0) {{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}      issued_.erase(ticket);{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}      return -1;{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    }{{$}}
    if (ticket == 0) {
      issued_.erase(ticket);
      return -1;
    }
    return ticket;
  }

private:
  SmallSet<int> issued_;
};

// A map from session to alias: the alias is read after the erase
// (zaphoyd/websocketpp, chat_handler::disconnect).
struct Session {};
using SessionPtr = std::shared_ptr<Session>;
class Chat {
public:
  void leave(SessionPtr client) {
    auto it = names_.find(client);
    if (it == names_.end())
      return;
    names_.erase(it);
    send(names_[client] + " has left");
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'names_[client]' inserts 'client' into 'Chat::names_' again right after it was erased: operator[] adds a default entry for a missing key, and this one stays [refcycle-unbounded-cache]
    // CHECK-MESSAGES-FIX: :[[@LINE-2]]:10: warning: 'names_[client]' inserts 'client' into 'Chat::names_' again right after it was erased: operator[] adds a default entry for a missing key, and this one stays [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-4]]:12: note: 'client' is erased from 'Chat::names_' here
    // CHECK-NOTES: :[[@LINE-4]]:10: note: this reads a default-constructed value; read the element before erasing it, or use that value without inserting it
    // The fix reads the alias before the erase, as upstream did.
    // CHECK-FIXES-FIX: {{^}}    const std::string erased_value = names_[client];{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    names_.erase(it);{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    send(erased_value + " has left");{{$}}
  }
  // Two reads after one erase: one copy, both reads use it.
  void quit(SessionPtr client) {
    auto it = names_.find(client);
    if (it == names_.end())
      return;
    names_.erase(it);
    send(names_[client] + " quit");
    send("bye " + names_[client]);
    // The first read inserts the entry again, so only it is reported; the
    // fix makes both reads use the copy.
    // CHECK-MESSAGES-FIX: :[[@LINE-4]]:10: warning: 'names_[client]' inserts 'client' into 'Chat::names_' again right after it was erased: operator[] adds a default entry for a missing key, and this one stays [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-5]]:10: warning: 'names_[client]' inserts 'client' into 'Chat::names_' again right after it was erased: operator[] adds a default entry for a missing key, and this one stays [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-7]]:12: note: 'client' is erased from 'Chat::names_' here
    // CHECK-NOTES: :[[@LINE-7]]:10: note: this reads a default-constructed value; read the element before erasing it, or use that value without inserting it
    // CHECK-FIXES-FIX: {{^}}    const std::string erased_value = names_[client];{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    names_.erase(it);{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    send(erased_value + " quit");{{$}}
    // CHECK-FIXES-FIX-NEXT: {{^}}    send("bye " + erased_value);{{$}}
  }
  // A read inside a lambda may run later: no copy, the default value is
  // spelled instead.
  void later(SessionPtr client) {
    auto it = names_.find(client);
    if (it == names_.end())
      return;
    names_.erase(it);
    auto say = [this, client] { send(names_[client] + " is gone"); };
    say();
  }
  // The erase is not a statement of its own: the read spells the default
  // value instead.
  void kick(SessionPtr client) {
    auto it = names_.find(client);
    if (it == names_.end())
      return;
    names_.erase(it), ++kicked_;
    send(names_[client] + " was kicked");
    // CHECK-MESSAGES-FIX: :[[@LINE-1]]:10: warning: 'names_[client]' inserts 'client' into 'Chat::names_' again right after it was erased: operator[] adds a default entry for a missing key, and this one stays [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: 'names_[client]' inserts 'client' into 'Chat::names_' again right after it was erased: operator[] adds a default entry for a missing key, and this one stays [refcycle-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-4]]:12: note: 'client' is erased from 'Chat::names_' here
    // CHECK-NOTES: :[[@LINE-4]]:10: note: this reads a default-constructed value; read the element before erasing it, or use that value without inserting it
    // CHECK-FIXES-FIX: send(decltype(names_)::mapped_type() + " was kicked");
  }
  // Erase, then assign: a deliberate re-insert.
  void rename(SessionPtr client, std::string name) {
    names_.erase(client);
    names_[client] = name;
  }
  // Erase in a branch: the read may find the entry.
  void touch(SessionPtr client, bool drop) {
    if (drop)
      names_.erase(client);
    send(names_[client]);
  }
  // Erase, insert again, then read.
  void reset(SessionPtr client) {
    names_.erase(client);
    names_.emplace(client, "guest");
    send(names_[client]);
  }

private:
  int kicked_ = 0;
  std::map<SessionPtr, std::string> names_;
};
