// RUN: %check_clang_tidy %s refcycle-unbounded-cache %t

#include <deque>
#include <forward_list>
#include <iterator>
#include <list>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

// Every standard container and every growth operation, in functions that
// run per request (no start-up name, no caller in this file).

void logLine(const std::string &line) {
  static std::vector<std::string> history;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: static container 'history' grows without bound: elements are added but never removed [refcycle-unbounded-cache]
  history.push_back(line);
}

static std::vector<int> samples;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: static container 'samples' grows without bound
void record(int sample) { samples.emplace_back(sample); }
int total() {
  int sum = 0;
  for (int s : samples)
    sum += s;
  return sum + static_cast<int>(samples.size());
}

void onEvent(int id) {
  static std::deque<int> events;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: static container 'events' grows without bound
  events.push_front(id);
}

void onMessage(const char *text) {
  static std::list<std::string> messages;
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: static container 'messages' grows without bound
  messages.emplace_front(text);
}

void onFrame(int frame) {
  static std::forward_list<int> frames;
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: static container 'frames' grows without bound
  frames.push_front(frame);
}

bool firstTime(const std::string &user) {
  static std::set<std::string> seen;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: static container 'seen' grows without bound
  return seen.insert(user).second;
}

void remember(long token) {
  static std::unordered_set<long> tokens;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: static container 'tokens' grows without bound
  tokens.emplace(token);
}

void tag(const std::string &t) {
  static std::multiset<std::string> tags;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: static container 'tags' grows without bound
  tags.emplace_hint(tags.end(), t);
}

void collect(const std::vector<int> &batch) {
  static std::vector<int> all;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: static container 'all' grows without bound
  std::copy(batch.begin(), batch.end(), std::back_inserter(all));
}

void append(const std::vector<int> &batch) {
  static std::vector<int> log;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: static container 'log' grows without bound
  log.insert(log.end(), batch.begin(), batch.end());
}
