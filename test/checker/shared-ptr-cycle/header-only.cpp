// The cycle lives in a header; with -header-filter the warning is in the
// header, at a stable place, once, however often the header is included.
// The header is copied first so that fixes never touch the source tree.
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %S/Inputs/header-cycle.h %t.dir/
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' -- -std=c++17 -I%t.dir 2>&1 | %FileCheck %s --check-prefix=HEADER
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 -I%t.dir 2>&1 | %FileCheck %s --check-prefix=NOFILTER
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -header-filter='.*' --fix-notes -- -std=c++17 -I%t.dir && %clangxx -fsyntax-only -std=c++17 -I%t.dir %s && %FileCheck %s --check-prefix=FIXED --input-file=%t.dir/header-cycle.h

#include "header-cycle.h"
#include "header-cycle.h"

int use(const lib::Entry &e) { return e.read(); }

// HEADER: header-cycle.h:10:26: warning: 'lib::Entry::cache_owner' closes a shared_ptr ownership cycle: 'lib::Cache' -> 'lib::Entry' -> 'lib::Cache'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// HEADER: header-cycle.h:15:39: note: 'lib::Cache::entries' owns 'lib::Entry' here
// HEADER: header-cycle.h:10:26: note: make 'lib::Entry::cache_owner' a weak pointer to break the cycle; its uses then lock it first, and must handle an expired object
// HEADER-NOT: warning:
// NOFILTER-NOT: warning: 'lib
// NOFILTER: 1 warning generated
// FIXED: std::weak_ptr<Cache> cache_owner;
// FIXED: inline int Entry::read() const { return cache_owner.lock()->hits; }
