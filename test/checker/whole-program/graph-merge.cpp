// refcycle-graph on hand-written facts files (the format of
// docs/whole-program.md; fields are separated by tabs).
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
//
// A cycle whose halves live in two translation units is reported once, as
// one no translation unit saw.
// RUN: %refcycle_graph %t/cross 2>%t/cross.err | %FileCheck %s --check-prefix=CROSS
// RUN: %FileCheck %s --check-prefix=CROSS-SUMMARY < %t/cross.err
// CROSS: /src/b.h:7:22: warning: 'B::a' closes a shared_ptr ownership cycle: 'A' -> 'B' -> 'A'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CROSS-NEXT: /src/a.h:5:22: note: 'A::b' owns 'B' here
// CROSS-NEXT: /src/b.h:7:22: note: no single translation unit reported this cycle; it is only seen across translation units
// CROSS-NOT: warning:
// CROSS-SUMMARY: refcycle-graph: 1 cycle (1 only across translation units) among 2 types and 2 edges from 2 facts files
//
// The same cycle seen (and reported) by two translation units: merged into
// one cycle, marked as reported; --only-cross-tu hides it.
// RUN: %refcycle_graph %t/both 2>%t/both.err | %FileCheck %s --check-prefix=BOTH
// RUN: %FileCheck %s --check-prefix=BOTH-SUMMARY < %t/both.err
// BOTH: /src/ui/tree.h:12:27: warning: 'ui::Child::parent' closes a shared_ptr ownership cycle: 'ui::Parent' -> 'ui::Child' -> 'ui::Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// BOTH-NEXT: /src/ui/tree.h:8:26: note: 'ui::Parent::child' owns 'ui::Child' here
// BOTH-NEXT: /src/ui/tree.h:12:27: note: already reported when checking '/src/x.cpp' and 1 other translation unit
// BOTH-NOT: warning:
// BOTH-SUMMARY: 1 cycle (0 only across translation units) among 2 types and 2 edges from 2 facts files
// RUN: %refcycle_graph --only-cross-tu %t/both 2>%t/both-only.err | %FileCheck %s --allow-empty --check-prefix=NONE
// RUN: %FileCheck %s --check-prefix=BOTH-ONLY < %t/both-only.err
// NONE-NOT: {{.}}
// BOTH-ONLY: 1 cycle (0 only across translation units, 1 already reported per TU not shown)
//
// All directories at once; --only-cross-tu keeps only the cross-TU cycle.
// Files can also be named one by one.
// RUN: %refcycle_graph --only-cross-tu %t/both %t/cross/a.facts %t/cross/b.facts %t/tree 2>%t/all.err | %FileCheck %s --check-prefix=ALL
// RUN: %FileCheck %s --check-prefix=ALL-SUMMARY < %t/all.err
// ALL: warning: 'B::a' closes
// ALL-NOT: warning:
// ALL-SUMMARY: 2 cycles (1 only across translation units, 1 already reported per TU not shown) among 6 types and 6 edges from 5 facts files
//
// The edge to weaken follows the same BackReferenceNames as the check; a
// cycle of the same edges counts as reported whichever member is named.
// RUN: %refcycle_graph --back-reference-names='child' %t/both 2>/dev/null | %FileCheck %s --check-prefix=NAMES
// NAMES: /src/ui/tree.h:8:26: warning: 'ui::Parent::child' closes a shared_ptr ownership cycle: 'ui::Child' -> 'ui::Parent' -> 'ui::Child'
// NAMES: note: already reported when checking '/src/x.cpp'
//
// unique_ptr alone makes a tree, not a leak: no warning.
// RUN: %refcycle_graph %t/tree 2>%t/tree.err | %FileCheck %s --allow-empty --check-prefix=NONE
// RUN: %FileCheck %s --check-prefix=TREE < %t/tree.err
// TREE: 0 cycles (0 only across translation units) among 2 types and 2 edges from 1 facts files

//--- cross/a.facts
refcycle-facts	5
tu	/src/a.cpp
file	0	/src/a.h
node	0	c:@S@A	A	-
node	1	c:@S@B	B	-
edge	0	1	b	shared	std::shared_ptr	-	0	5	22
end	2	1	0
//--- cross/b.facts
refcycle-facts	5
tu	/src/b.cpp
file	0	/src/b.h
node	0	c:@S@B	B	-
node	1	c:@S@A	A	-
edge	0	1	a	shared	std::shared_ptr	-	0	7	22
end	2	1	0
//--- both/x.facts
refcycle-facts	5
tu	/src/x.cpp
file	0	/src/ui/tree.h
node	0	c:@N@ui@S@Parent	ui::Parent	-
node	1	c:@N@ui@S@Child	ui::Child	-
edge	0	1	child	shared	std::shared_ptr	-	0	8	26
edge	1	0	parent	shared	std::shared_ptr	-	0	12	27
cycle	1	0
end	2	2	1
//--- both/y.facts
refcycle-facts	5
tu	/src/y.cpp
file	0	/src/ui/tree.h
node	0	c:@N@ui@S@Child	ui::Child	-
node	1	c:@N@ui@S@Parent	ui::Parent	-
edge	1	0	child	shared	std::shared_ptr	-	0	8	26
edge	0	1	parent	shared	std::shared_ptr	-	0	12	27
cycle	1	0
end	2	2	1
//--- tree/u.facts
refcycle-facts	5
tu	/src/u.cpp
file	0	/src/u.h
node	0	c:@S@Doc	Doc	-
node	1	c:@S@View	View	-
edge	0	1	view	unique	std::unique_ptr	-	0	3	28
edge	1	0	doc	unique	std::unique_ptr	-	0	6	28
end	2	2	0
