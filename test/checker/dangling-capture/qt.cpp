// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_cflags
// RUN: %check_clang_tidy %s refcycle-dangling-capture %t -- -- -std=c++17 %qt5_system_cflags

// Qt 5 with its real headers. Included with -I, as pkg-config gives them,
// the bodies of QObject::connect and QTimer::singleShot are visible: the
// check follows them to the slot object they allocate and hand to Qt's
// library. Included as system headers (CMake's imported targets), their
// names are registrations. Either way a functor connection without a context
// object, or with a context other than the object the functor is bound to,
// outlives that object; with the object as receiver or context, Qt ends it
// when the object is destroyed.

#include <QObject>
#include <QPointer>
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
    connect(model, &Model::renamed, model, [this](const QString &s) { label_ = s; });
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Row' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    QTimer::singleShot(0, [this] { label_.clear(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lambda captures 'this' and is passed to 'QTimer::singleShot', which may keep it after this 'Row' is destroyed; bind through a weak reference [refcycle-dangling-capture]

    // Not reported: this object is the receiver or the context.
    connect(model, &Model::renamed, this, [this](const QString &s) { label_ = s; });
    connect(model, &Model::renamed, this, &Row::rename);
    QTimer::singleShot(0, this, [this] { label_.clear(); });
    QMetaObject::invokeMethod(this, [this] { label_.clear(); }, Qt::QueuedConnection);
    // Not reported: a guarded pointer the callable consults.
    QTimer::singleShot(0, [this, guard = QPointer<Row>(this)] {
      if (guard)
        label_.clear();
    });
  }
  void rename(const QString &s) { label_ = s; }

private:
  QString label_;
};

// Not reported: the context is a QObject this object owns; it dies first.
class Storage {
public:
  Storage() : worker_(new QObject) {}
  void save() {
    QMetaObject::invokeMethod(worker_, [this] { ++saves_; }, Qt::QueuedConnection);
  }

private:
  QObject *worker_;
  int saves_ = 0;
};

// Not reported: the context is a child made with this object as its parent
// (Qt deletes children in the parent's destructor), so the connection ends
// no later than this object.
class Session : public QObject {
public:
  void load(Model *model) {
    auto *step = new QObject(this);
    QObject::connect(model, &Model::renamed, step, [this](const QString &) { ++loads_; });
  }
  // Reported: the context is made with this as parent, but then replaced.
  void reload(Model *model, QObject *other) {
    QObject *step = new QObject(this);
    step = other;
    QObject::connect(model, &Model::renamed, step, [this](const QString &) { ++loads_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Session' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  int loads_ = 0;
};

// Not a QObject: Qt cannot track it, whatever it is given.
class Presenter {
public:
  void wire(Model *model) {
    QObject::connect(model, &Model::renamed, [this](const QString &) { ++changes_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Presenter' is destroyed; bind through a weak reference [refcycle-dangling-capture]
  }

private:
  int changes_ = 0;
};

// Not reported: the connection is kept and ended in the destructor.
class Listener {
public:
  void wire(Model *model) {
    conn_ = QObject::connect(model, &Model::renamed, [this](const QString &) { ++changes_; });
  }
  ~Listener() { QObject::disconnect(conn_); }

private:
  QMetaObject::Connection conn_;
  int changes_ = 0;
};

// Not reported: the sender is a child of this object (made with this as
// its parent), so the connection dies with it: a local assigned after its
// declaration, and a member that only ever holds such children.
class Editor : public QObject {
public:
  Editor() : undo_(new QObject(this)) {
    QObject *shortcut;
    shortcut = new QObject(this);
    QObject::connect(shortcut, &QObject::destroyed, [this] { ++edits_; });
    QObject::connect(undo_, &QObject::destroyed, [this] { ++edits_; });
  }
  void reset() { undo_ = new QObject(this); }

private:
  QObject *undo_;
  int edits_ = 0;
};

// Reported: the member also holds an object that is not a child.
class Viewer : public QObject {
public:
  explicit Viewer(QObject *shared) : source_(new QObject(this)) {
    QObject::connect(source_, &QObject::destroyed, [this] { ++views_; });
    // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: lambda captures 'this' and is passed to 'QObject::connect', which may keep it after this 'Viewer' is destroyed; bind through a weak reference [refcycle-dangling-capture]
    if (!shared)
      source_ = shared;
    else
      source_ = new QObject(shared);
  }

private:
  QObject *source_;
  int views_ = 0;
};
