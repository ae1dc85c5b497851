// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_cflags
// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_system_cflags

// Qt 5 with its real headers: a lambda that captures a local by reference
// and is connected to a signal. A connection to a sender the caller owns
// outlives the local; one to a local QObject (sender or context) ends when
// that object is destroyed, before the captured local.

#include <QEventLoop>
#include <QObject>
#include <QTimer>

void count(QTimer *timer) {
  int ticks = 0;
  QObject::connect(timer, &QTimer::timeout, [&ticks] { ++ticks; });
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: lambda captures local variable 'ticks' by reference and is passed to 'QObject::connect', which may keep it after it is destroyed [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'ticks' lives in the frame of 'count' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-3]]:45: note: capture 'ticks' by copy (or move it into the lambda), or keep it where it outlives the callback
}

// The sender is a local declared after the captured variable.
void countLocally() {
  int ticks = 0;
  QTimer timer;
  QObject::connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
  timer.start(10);
}

// The context is a local event loop, declared after the captured variable.
void waitFor(QTimer *timer) {
  bool fired = false;
  QEventLoop loop;
  QObject::connect(timer, &QTimer::timeout, &loop, [&fired] { fired = true; });
}

// The context is a local, but declared before the captured variable: the
// variable dies first.
void contextFirst(QTimer *timer) {
  QObject guard;
  int ticks = 0;
  QObject::connect(timer, &QTimer::timeout, &guard, [&ticks] { ++ticks; });
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: lambda captures local variable 'ticks' by reference and is passed to 'QObject::connect', which may keep it after it is destroyed [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'ticks' lives in the frame of 'contextFirst' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-3]]:53: note: capture 'ticks' by copy (or move it into the lambda), or keep it where it outlives the callback
}

// QMetaObject::invokeMethod waits for a blocking or direct call: the lambda
// has run when it returns.
void askWorker(QObject *worker) {
  int answer = 0;
  QMetaObject::invokeMethod(worker, [&answer] { answer = 42; },
                            Qt::BlockingQueuedConnection);
  QMetaObject::invokeMethod(worker, [&answer] { answer = 7; },
                            Qt::DirectConnection);
}

// A queued call runs later, after the frame is gone.
void tellWorker(QObject *worker) {
  int answer = 0;
  QMetaObject::invokeMethod(worker, [&answer] { answer = 1; },
                            Qt::QueuedConnection);
  // CHECK-MESSAGES: :[[@LINE-2]]:37: warning: lambda captures local variable 'answer' by reference and is passed to 'QMetaObject::invokeMethod', which may keep it after it is destroyed [refcycle-dangling-capture]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'answer' lives in the frame of 'tellWorker' and is destroyed by the time it returns
  // CHECK-MESSAGES: :[[@LINE-4]]:37: note: capture 'answer' by copy (or move it into the lambda), or keep it where it outlives the callback
}
