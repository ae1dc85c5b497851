// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// A callable stored and, later in the same block with no return in
// between, replaced by another value (the previous callback put back, or
// the member cleared): it is only kept while the function runs. Not
// reported. A replacement that may not run (under a condition, in a
// lambda, after a return) does not count.

#include <functional>
#include <memory>

using Callback = std::function<void()>;

struct Problem {
  void setCallback(const Callback &cb) { callback_ = cb; }
  const Callback &callback() const { return callback_; }
  Callback callback_;
  Callback onDone;
};

class Forest {
public:
  explicit Forest(std::shared_ptr<Problem> p) : problem_(std::move(p)) {}
  // Must not warn: the previous callback is put back (ompl's CForest).
  void solve() {
    const Callback previous = problem_->callback();
    problem_->setCallback([this] { improved(); });
    run();
    problem() ->setCallback(previous);
  }
  // Must not warn: the member is cleared.
  void solveOnce() {
    problem_->onDone = [this] { improved(); };
    run();
    problem_->onDone = nullptr;
  }
  // Warns: the restore runs only under a condition.
  void solveMaybe(bool restore) {
    const Callback previous = problem_->callback();
    problem_->setCallback([this] { improved(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is stored in 'Problem::callback_', which may outlive this 'Forest'; bind through a weak reference [refcycle-dangling-capture]
    if (restore)
      problem_->setCallback(previous);
  }
  // Warns: an early return skips the restore.
  void solveOrGiveUp(bool giveUp) {
    problem_->onDone = [this] { improved(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Problem::onDone', which may outlive this 'Forest'; bind through a weak reference [refcycle-dangling-capture]
    if (giveUp)
      return;
    problem_->onDone = nullptr;
  }
  // Warns: the restore is deferred to a lambda.
  void solveLater(std::function<void(Callback)> &schedule) {
    problem_->onDone = [this] { improved(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda captures 'this' and is stored in 'Problem::onDone', which may outlive this 'Forest'; bind through a weak reference [refcycle-dangling-capture]
    schedule([p = problem_] { p->onDone = nullptr; });
  }
  void run() {}
  void improved() {}
  Problem *problem() { return problem_.get(); }

private:
  std::shared_ptr<Problem> problem_;
};
