// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_cflags

// A callable that captures 'this' together with a strong pointer to the
// object's class (or a base or derived class) keeps the object alive while
// it waits: std::shared_ptr from any source, boost::intrusive_ptr, Qt's
// QSharedPointer, WebKit-style Ref/RefPtr (option KeepAlivePointerTypes).
// One that captures a guarded pointer (QPointer) and consults it does
// nothing once the object is gone (option GuardedPointerTypes).

#include <QPointer>
#include <QSharedPointer>
#include <boost/intrusive_ptr.hpp>
#include <functional>
#include <memory>

struct Loop {
  void post(std::function<void()> f);
};

class Node {
public:
  void schedule(Loop &loop) {
    loop.post([this, protect = boost::intrusive_ptr<Node>(this)] { run(); });
    loop.post([this] { run(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is queued by 'Loop::post', which runs it later even if this 'Node' is destroyed first; keep the object alive in the handler [refcycle-dangling-capture]
  }
  void run() {}
  friend void intrusive_ptr_add_ref(Node *);
  friend void intrusive_ptr_release(Node *);
};

// std::bind with 'this' as the object and shared_from_this() as another
// bound argument: the binder's copy keeps the object alive.
class Socket : public std::enable_shared_from_this<Socket> {
public:
  void arm(Loop &loop) {
    loop.post(std::bind(&Socket::onTimeout, this, shared_from_this()));
  }

private:
  void onTimeout(std::shared_ptr<Socket>) {}
};

class Document : public QObject {
public:
  void schedule(Loop &loop, QSharedPointer<Document> self) {
    loop.post([this, self] { save(); });
    loop.post([this, guard = QPointer<Document>(this)] {
      if (guard)
        save();
    });
    // A guarded pointer the callable never consults guards nothing.
    loop.post([this, guard = QPointer<Document>(this)] { save(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is queued by 'Loop::post'
  }
  void save() {}
};

// A strong pointer to an unrelated class keeps nothing of this one alive.
class Page {
public:
  void schedule(Loop &loop, std::shared_ptr<Document> doc) {
    loop.post([this, doc] { render(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: lambda captures 'this' and is queued by 'Loop::post'
  }
  void render() {}
};
