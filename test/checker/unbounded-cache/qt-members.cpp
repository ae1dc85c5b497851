// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17 %qt5_cflags
//
// A QObject class, with the real Qt 5 headers. Qt's moc writes the bodies
// of what Q_OBJECT declares (metaObject, qt_metacall, ...) and of every
// signal in another file; they call the class's own member functions and
// touch no data member, except one a `Q_PROPERTY(... MEMBER m)` names. So
// a private member of a QObject class whose other member functions are all
// here is in sight, as for any other class.

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

// The application's string table: a QObject that lives as long as the
// program (a function-local static), whose set only grows.
class Interner : public QObject {
  Q_OBJECT
public:
  const QString &intern(const QString &s) { return *strings_.insert(s); }

signals:
  void interned(const QString &s);

private slots:
  void onText(const QString &s) {
    strings_.insert(s);
    emit interned(s);
  }

private:
  QSet<QString> strings_;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: member container 'Interner::strings_' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
  // CHECK-MESSAGES: :[[@LINE+4]]:43: note: the 'Interner' that holds 'Interner::strings_' lives as long as the program: 'instance' is one
  // CHECK-MESSAGES: :[[@LINE-15]]:62: note: 'Interner::strings_' grows here
  // CHECK-MESSAGES: :[[@LINE-9]]:14: note: 'Interner::strings_' grows here
};
Interner &theInterner() { static Interner instance; return instance; }

// A member a Q_PROPERTY names with MEMBER: moc's code reads and writes it,
// out of sight.
class History : public QObject {
  Q_OBJECT
  Q_PROPERTY(QStringList entries MEMBER entries_ NOTIFY changed)
public:
  void add(const QString &s) { entries_.append(s); }

signals:
  void changed();

private:
  QStringList entries_;
};
History &theHistory() { static History instance; return instance; }

// A nested class whose member functions are defined in another file can
// touch the private members of its enclosing class.
class Registry : public QObject {
  Q_OBJECT
public:
  void add(int id, const QString &name) { names_.insert(id, name); }
  class Pruner {
  public:
    void prune(Registry &r);
  };

private:
  QHash<int, QString> names_;
};
Registry &theRegistry() { static Registry instance; return instance; }
