// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES
//
// BackReferenceNames match whole words of a member's name (split at '_' and
// case changes, a plural 's' allowed), never a substring: 'callback' is not a
// 'back' reference and 'transparent' is not a 'parent'.

#include <memory>
#include <vector>

namespace words {

struct Job;

struct Timer {
  std::shared_ptr<Job> callback;
// NOTES-DAG: :[[@LINE-1]]:24: note: 'words::Timer::callback' owns 'words::Job' here
};

struct Job {
  std::shared_ptr<Timer> m_ownerTimer;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'words::Job::m_ownerTimer' closes a shared_ptr ownership cycle: 'words::Timer' -> 'words::Job' -> 'words::Timer'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:26: {{warning}}: 'words::Job::m_ownerTimer' closes
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Timer> m_ownerTimer;{{$}}

struct Layer;

struct Compositor {
  std::shared_ptr<Layer> transparentLayer;
// NOTES-DAG: :[[@LINE-1]]:26: note: 'words::Compositor::transparentLayer' owns 'words::Layer' here
};

struct Layer {
  std::vector<std::shared_ptr<Compositor>> compositorListeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'words::Layer::compositorListeners' closes a shared_ptr ownership cycle: 'words::Compositor' -> 'words::Layer' -> 'words::Compositor'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// NOTES-DAG: :[[@LINE-2]]:44: {{warning}}: 'words::Layer::compositorListeners' closes
};
// CHECK-FIXES: {{^}}  std::vector<std::weak_ptr<Compositor>> compositorListeners;{{$}}

} // namespace words
