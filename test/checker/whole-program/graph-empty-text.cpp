// Empty text fields are valid: a TU whose main file or source file name is
// unknown, a type without a display name. The first string refcycle-graph
// stores here is empty; that once read past an empty arena.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %refcycle_graph %t/facts 2>&1 | %FileCheck %s
// CHECK: :0:0: warning: 'B::a' closes a shared_ptr ownership cycle: '' -> 'B' -> ''; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// CHECK: refcycle-graph: 1 cycle (1 only across translation units) among 2 types and 2 edges from 1 facts files

//--- facts/empty.facts
refcycle-facts	5
tu	
file	0	
node	0	c:@S@A		-
node	1	c:@S@B	B	-
edge	0	1	b	shared	std::shared_ptr	-	0	0	0
edge	1	0	a	shared	std::shared_ptr	-	0	0	0
end	2	2	0
