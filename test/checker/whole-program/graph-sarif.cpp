// refcycle-graph --format sarif writes the SARIF that refcycle-lint's writer
// (scripts/refcycle_sarif.py) makes of the same findings, plus per result
// the properties crossTranslationUnit and reportedIn.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %refcycle_graph --format=sarif %t/facts -o %t/graph.sarif 2>/dev/null
// RUN: %FileCheck %s < %t/graph.sarif
// RUN: %refcycle_graph --format=json %t/facts 2>/dev/null | %python %S/../../../scripts/refcycle_sarif.py --tool refcycle-graph --version 0.1.0 --output %t/lint.sarif
// RUN: %python %S/Inputs/compare_sarif.py %t/graph.sarif %t/lint.sarif
//
// With --root, paths inside it are relative to SRCROOT.
// RUN: %refcycle_graph --format=sarif --root=/src %t/facts 2>/dev/null > %t/graph-root.sarif
// RUN: %refcycle_graph --format=json %t/facts 2>/dev/null | %python %S/../../../scripts/refcycle_sarif.py --tool refcycle-graph --version 0.1.0 --root /src --output %t/lint-root.sarif
// RUN: %python %S/Inputs/compare_sarif.py %t/graph-root.sarif %t/lint-root.sarif
// RUN: %FileCheck %s --check-prefix=ROOT < %t/graph-root.sarif
//
// No cycles: a valid log with no results.
// RUN: %refcycle_graph --format=sarif %t/facts/a.facts 2>/dev/null > %t/empty.sarif
// RUN: %refcycle_graph --format=json %t/facts/a.facts 2>/dev/null | %python %S/../../../scripts/refcycle_sarif.py --tool refcycle-graph --version 0.1.0 --output %t/lint-empty.sarif
// RUN: %python %S/Inputs/compare_sarif.py %t/empty.sarif %t/lint-empty.sarif
//
// CHECK: "version": "2.1.0"
// CHECK: "ruleId": "refcycle-shared-ptr-cycle"
// CHECK-SAME: "message": {"text": "'B::owner' closes a shared_ptr ownership cycle: 'A' -> 'B' -> 'A'; objects in this cycle are never freed"}
// CHECK-NEXT: "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///src/lib%20dir/b.h"}, "region": {"startLine": 7, "startColumn": 22}}}]
// CHECK-NEXT: "relatedLocations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///src/a.h"}, "region": {"startLine": 5, "startColumn": 22}}, "message": {"text": "'A::b' owns 'B' here"}, "id": 0}]
// CHECK: "properties": {"crossTranslationUnit": true, "reportedIn": []}
// CHECK: "message": {"text": "'M::parent' closes
// CHECK: "properties": {"crossTranslationUnit": false, "reportedIn": ["/src/n.cpp"]}
// ROOT: "artifactLocation": {"uri": "lib%20dir/b.h", "uriBaseId": "SRCROOT"}
// ROOT: "originalUriBaseIds": {"SRCROOT": {"uri": "file:///src/"}}

//--- facts/a.facts
refcycle-facts	5
tu	/src/a.cpp
file	0	/src/a.h
node	0	c:@S@A	A	-
node	1	c:@S@B	B	-
edge	0	1	b	shared	std::shared_ptr	-	0	5	22
end	2	1	0
//--- facts/b.facts
refcycle-facts	5
tu	/src/b.cpp
file	0	/src/lib dir/b.h
node	0	c:@S@B	B	-
node	1	c:@S@A	A	-
edge	0	1	owner	shared	std::shared_ptr	-	0	7	22
end	2	1	0
//--- facts/n.facts
refcycle-facts	5
tu	/src/n.cpp
file	0	/src/n.h
node	0	c:@S@N	N	-
node	1	c:@S@M	M	-
edge	0	1	m	shared	std::shared_ptr	-	0	3	22
edge	1	0	parent	shared	std::shared_ptr	-	0	4	22
cycle	1	0
end	2	2	1
