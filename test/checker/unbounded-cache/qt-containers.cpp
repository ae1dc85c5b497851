// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17 %qt5_system_cflags
// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t -- -- -std=c++17 %qt5_cflags

// Qt's containers, with the real Qt 5 headers: QHash and QMap insert on
// operator[] like std::map, QList/QSet grow with append/insert/<<, and the
// Qt names of lookups (value, contains) and removals (remove, take,
// removeAll) count as such.

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

QString render(int id);

QString label(int id) {
  static QHash<int, QString> labels;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: static cache 'labels' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
  if (labels.contains(id))
    return labels.value(id);
  const QString text = render(id);
  labels.insert(id, text);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 'labels' grows here
  return text;
}

static QList<QString> seen;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: static container 'seen' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
void record(const QString &name) { seen << name; }
// CHECK-MESSAGES: :[[@LINE-1]]:41: note: 'seen' grows here

static QMap<QString, int> counts;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: static cache 'counts' grows without bound: every distinct key stays forever; use a bounded refcycle::lru_cache [refcycle-unbounded-cache]
void count(const QString &word) { ++counts[word]; }
// CHECK-MESSAGES: :[[@LINE-1]]:37: note: 'counts' grows here

// Must not warn: entries are taken out again.
static QSet<QString> open;
void opened(const QString &path) { open.insert(path); }
void closed(const QString &path) { open.remove(path); }

static QHash<QString, int> pending;
void queue(const QString &job) { pending.insert(job, 0); }
int finish(const QString &job) { return pending.take(job); }

static QList<int> ids;
void add(int id) { ids.append(id); }
void drop(int id) { ids.removeAll(id); }
