// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_cflags
// RUN: %clang_tidy %s --checks='-*,refcycle-dangling-capture' -- -std=c++17 %qt5_cflags 2>&1 | %FileCheck %s --check-prefix=NOTES

// Qt 5 with its real headers. A functor connected without a context object
// lives until the sender goes; QTimer::singleShot without one runs even
// after the object is gone. In a QObject, the fix passes `this` as the
// context object, and Qt ends the connection (drops the pending call) when
// the object is destroyed.

#include <QObject>
#include <QTimer>

class Model : public QObject {
  Q_OBJECT
public:
signals:
  void renamed(const QString &name);
};

class Row : public QObject {
public:
  void wire(Model *model) {
    QObject::connect(model, &Model::renamed, [this](const QString &s) { label_ = s; });
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Row' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    QObject::connect(model, &Model::renamed, this, [this](const QString &s) { label_ = s; });{{$}}
    // NOTES: :[[@LINE-3]]:46: note: pass 'this' as the context object: Qt then ends the connection when this 'Row' is destroyed
    QTimer::singleShot(0, [this] { label_.clear(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is passed to 'QTimer::singleShot', which may keep it after this 'Row' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    QTimer::singleShot(0, this, [this] { label_.clear(); });{{$}}
    // NOTES: :[[@LINE-3]]:27: note: pass 'this' as the context object: Qt then ends the pending call when this 'Row' is destroyed
    QTimer::singleShot(10, Qt::PreciseTimer, [this] { label_.clear(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: lambda captures 'this' and is passed to 'QTimer::singleShot', which may keep it after this 'Row' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    QTimer::singleShot(10, Qt::PreciseTimer, this, [this] { label_.clear(); });{{$}}
    // A context object other than this one is left for the user to change.
    connect(model, &Model::renamed, model, [this](const QString &s) { label_ = s; });
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Row' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  QString label_;
};

// In a constructor too.
class Header : public QObject {
public:
  explicit Header(Model *model) {
    connect(model, &Model::renamed, [this](const QString &s) { title_ = s; });
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Header' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    // CHECK-FIXES: {{^}}    connect(model, &Model::renamed, this, [this](const QString &s) { title_ = s; });{{$}}
  }

private:
  QString title_;
};

// Not a QObject: no context object to pass.
class Cell {
public:
  void wire(Model *model) {
    QObject::connect(model, &Model::renamed, [this](const QString &s) { label_ = s; });
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Cell' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  QString label_;
};
