// refcycle-graph names a missing, truncated or corrupt facts file and stops,
// or with --skip-bad-facts warns and goes on without it; it never crashes.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: mkdir -p %t/empty
//
// A good file alone; a writer's leftover temporary file (*.tmp) is ignored.
// RUN: %refcycle_graph %t/good 2>&1 | %FileCheck %s --check-prefix=GOOD
// GOOD: /src/a.h:9:22: warning: 'B::a' closes a shared_ptr ownership cycle
// GOOD: refcycle-graph: 1 cycle (1 only across translation units) among 2 types and 2 edges from 1 facts files
//
// RUN: not %refcycle_graph %t/good %t/missing 2>&1 | %FileCheck %s --check-prefix=MISSING -DDIR=%t
// MISSING: refcycle-graph: error: [[DIR]]/missing: no such facts directory or file
//
// RUN: not %refcycle_graph %t/empty 2>&1 | %FileCheck %s --check-prefix=EMPTY -DDIR=%t
// EMPTY: refcycle-graph: warning: [[DIR]]/empty: no *.facts files in this directory; was clang-tidy run with -config="{CheckOptions: {refcycle-shared-ptr-cycle.FactsDirectory: '...'}}"?
// EMPTY: refcycle-graph: error: no facts files to read
//
// RUN: not %refcycle_graph %t/good %t/bad/truncated.facts 2>&1 | %FileCheck %s --check-prefix=TRUNC -DDIR=%t
// TRUNC: refcycle-graph: error: [[DIR]]/bad/truncated.facts:4: corrupt facts file: truncated: no 'end' line (was the writer interrupted?)
// TRUNC-NEXT: (remove the file and rerun clang-tidy on its translation unit, or pass --skip-bad-facts)
// TRUNC-NOT: warning:
//
// RUN: not %refcycle_graph %t/bad/version.facts 2>&1 | %FileCheck %s --check-prefix=VERSION
// VERSION: version.facts:1: corrupt facts file: facts format version 7 is not supported (this refcycle-graph reads version 5); use the refcycle-graph of the same refcycle release as the check that wrote it
// RUN: not %refcycle_graph %t/bad/version1.facts 2>&1 | %FileCheck %s --check-prefix=VERSION1
// VERSION1: version1.facts:1: corrupt facts file: facts format version 1 is not supported (this refcycle-graph reads version 5); use the refcycle-graph of the same refcycle release as the check that wrote it
// RUN: not %refcycle_graph %t/bad/conversion.facts 2>&1 | %FileCheck %s --check-prefix=CONVERSION
// CONVERSION: conversion.facts:5: corrupt facts file: bad 'conversion' line (expected two nodes defined above it)
// RUN: not %refcycle_graph %t/bad/garbage.facts 2>&1 | %FileCheck %s --check-prefix=GARBAGE
// GARBAGE: garbage.facts:1: corrupt facts file: does not start with 'refcycle-facts<TAB><version>'; is this a refcycle facts file?
// RUN: not %refcycle_graph %t/bad/dangling.facts 2>&1 | %FileCheck %s --check-prefix=DANGLING
// DANGLING: dangling.facts:5: corrupt facts file: 'edge' refers to a node that is not defined above it
// RUN: not %refcycle_graph %t/bad/counts.facts 2>&1 | %FileCheck %s --check-prefix=COUNTS
// COUNTS: counts.facts:3: corrupt facts file: 'end' counts do not match the lines above it
// RUN: not %refcycle_graph %t/bad/empty.facts 2>&1 | %FileCheck %s --check-prefix=EMPTYFILE
// EMPTYFILE: empty.facts:0: corrupt facts file: the file is empty
// RUN: not %refcycle_graph %t/good %t/bad/kind.facts 2>&1 | %FileCheck %s --check-prefix=KIND -DDIR=%t
// KIND: refcycle-graph: error: [[DIR]]/bad/kind.facts:6: corrupt facts file: 'edge' has unknown ownership kind 'borrowed' (this refcycle-graph knows shared, unique, value and weak; was the file written by a newer refcycle?)
//
// --skip-bad-facts: every bad file is named, the good one still counts.
// RUN: %refcycle_graph --skip-bad-facts %t/good %t/bad 2>&1 | %FileCheck %s --check-prefix=SKIP
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}conversion.facts:5: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}counts.facts:3: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}dangling.facts:5: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}empty.facts:0: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}garbage.facts:1: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}kind.facts:6: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}truncated.facts:4: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}version.facts:1: corrupt facts file
// SKIP-DAG: refcycle-graph: warning: skipping {{.*}}version1.facts:1: corrupt facts file
// SKIP-DAG: warning: 'B::a' closes a shared_ptr ownership cycle
// SKIP: refcycle-graph: 1 cycle (1 only across translation units) among 2 types and 2 edges from 1 facts files (9 skipped)
//
// Bad command lines.
// RUN: not %refcycle_graph 2>&1 | %FileCheck %s --check-prefix=USAGE
// USAGE: refcycle-graph: error: no facts directory given
// RUN: not %refcycle_graph --format=xml %t/good 2>&1 | %FileCheck %s --check-prefix=FORMAT
// FORMAT: refcycle-graph: error: unknown --format 'xml' (use text, sarif or json)
// RUN: not %refcycle_graph --html %t/good/a.facts/x %t/good 2>&1 | %FileCheck %s --check-prefix=HTMLDIR
// HTMLDIR: refcycle-graph: error: {{.*}}a.facts/x: cannot create the report directory

//--- good/a.facts
refcycle-facts	5
tu	/src/a.cpp
file	0	/src/a.h
node	0	c:@S@A	A	-
node	1	c:@S@B	B	-
edge	0	1	b	shared	std::shared_ptr	-	0	5	22
edge	1	0	a	shared	std::shared_ptr	-	0	9	22
end	2	2	0
//--- good/a.facts.Xk3j9QzP.tmp
refcycle-facts	5
tu	/src/partial.cpp
//--- bad/truncated.facts
refcycle-facts	5
tu	/src/t.cpp
file	0	/src/t.h
node	0	c:@S@T	T	-
//--- bad/version.facts
refcycle-facts	7
tu	/src/v.cpp
end	0	0	0
//--- bad/version1.facts
refcycle-facts	1
tu	/src/v.cpp
end	0	0	0
//--- bad/conversion.facts
refcycle-facts	5
tu	/src/c.cpp
node	0	c:@S@D	D	-
node	1	c:@S@B	B	polymorphic
conversion	0	2
end	2	0	0
//--- bad/garbage.facts
this is not a facts file
//--- bad/dangling.facts
refcycle-facts	5
tu	/src/d.cpp
file	0	/src/d.h
node	0	c:@S@D	D	-
edge	0	3	x	shared	std::shared_ptr	-	0	1	1
end	1	1	0
//--- bad/counts.facts
refcycle-facts	5
tu	/src/c.cpp
end	1	0	0
//--- bad/empty.facts
//--- bad/kind.facts
refcycle-facts	5
tu	/src/k.cpp
file	0	/src/k.h
node	0	c:@S@K	K	-
node	1	c:@S@L	L	-
edge	0	1	l	borrowed	std::shared_ptr	-	0	3	3
end	2	1	0
