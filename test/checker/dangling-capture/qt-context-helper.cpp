// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_cflags
// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_system_cflags

// Qt 5 with its real headers. A member function of a QObject that takes a
// callback and keeps it only inside a connection or a single-shot timer
// whose context object is a QObject it was given: which one is decided at
// the call. With the object the callback is bound to (its own `this`, or
// `this` passed on), Qt ends the registration when that object goes; with
// another object, or with none, the callback can run after it is gone.

#include <QObject>
#include <QTimer>

#include <functional>

class Job : public QObject {
  Q_OBJECT
public:
  void start();
signals:
  void finished(int result);
};

class SecretStore : public QObject {
public:
  SecretStore() {
    // The helper connects with its own `this` as the context: silent.
    load(3, [this](int v) { value_ = v; });
    retry([this] { ++tries_; });
    // Its own `this` is another object here: the context ends with 'other_'.
    other_->load(1, [this](int v) { value_ = v; });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lambda captures 'this' and is passed to 'SecretStore::load', which may keep it after this 'SecretStore' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

  void load(int n, std::function<void(int)> callback) {
    if (n == 0)
      return;
    auto *job = new Job;
    connect(job, &Job::finished, this, [this, n, callback](int r) {
      callback(r);
      QTimer::singleShot(0, this, [this, n, callback] { load(n - 1, callback); });
    });
    job->start();
  }

  void retry(std::function<void()> callback) {
    QTimer::singleShot(100, this, callback);
  }

  SecretStore *other_ = nullptr;
  int value_ = 0;
  int tries_ = 0;
};

// A free helper that connects with the context it is given.
void whenFinished(Job *job, QObject *context, std::function<void(int)> done) {
  QObject::connect(job, &Job::finished, context, done);
}

// A helper that keeps the callback in two registrations, one with a context
// and one without: the one without decides.
void twice(Job *job, QObject *context, std::function<void(int)> done) {
  QObject::connect(job, &Job::finished, context, done);
  QObject::connect(job, &Job::finished, done);
}

class Viewer : public QObject {
public:
  void watch(Job *job, QObject *elsewhere) {
    whenFinished(job, this, [this](int r) { shown_ = r; });
    whenFinished(job, elsewhere, [this](int r) { shown_ = r; });
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: lambda captures 'this' and is passed to 'whenFinished', which may keep it after this 'Viewer' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    twice(job, this, [this](int r) { shown_ = r; });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is passed to 'twice', which may keep it after this 'Viewer' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }
  int shown_ = 0;
};

// A context object the bound object made with `new` in a braced member
// initializer owns it the old way: the queued call goes with it.
class Worker : public QObject {
public:
  void run() {}
};

class ResumeStore {
public:
  explicit ResumeStore(Worker *shared) : worker_{new Worker}, shared_{shared} {}
  void store() {
    QMetaObject::invokeMethod(worker_, [this] { ++stored_; });
    QMetaObject::invokeMethod(shared_, [this] { ++stored_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: lambda captures 'this' and is passed to 'QMetaObject::invokeMethod', which may keep it after this 'ResumeStore' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  Worker *worker_ = nullptr;
  Worker *shared_ = nullptr;
  int stored_ = 0;
};
