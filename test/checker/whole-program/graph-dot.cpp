// Golden DOT output of refcycle-graph: the whole graph (the cycle's edges
// highlighted, the edge to weaken in red) and --cycles-only (one cluster per
// cycle). Edge kinds: shared_ptr a filled arrow, unique_ptr a hollow one, a
// by-value member a diamond at the owner.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %refcycle_graph %t/facts --dot=%t/all.dot --no-progress > %t/report.txt 2>&1
// RUN: diff %t/expected-all.dot %t/all.dot
// RUN: %refcycle_graph %t/facts --dot %t/cycles.dot --cycles-only > %t/report.txt 2>&1
// RUN: diff %t/expected-cycles.dot %t/cycles.dot
// RUN: not %refcycle_graph %t/facts --cycles-only 2>&1 | %FileCheck %s
// CHECK: refcycle-graph: error: --cycles-only only applies to --dot

//--- facts/session.facts
refcycle-facts	5
tu	/src/net/session.cpp
file	0	/src/net/session.h
node	0	c:@N@net@S@Session	net::Session	-
node	1	c:@N@net@S@Connection	net::Connection	-
node	2	c:@N@net@S@Buffer	net::Buffer	-
node	3	c:@N@net@S@Stats	net::Stats	-
node	4	c:@N@net@S@Log	net::Log"quoted"	-
edge	0	1	connection	shared	std::shared_ptr	-	0	10	37
edge	1	0	owner	shared	std::shared_ptr	-	0	20	35
edge	1	2	buffer	unique	std::unique_ptr	-	0	21	35
edge	0	3	stats	value	-	-	0	11	13
edge	3	4	log	shared	std::shared_ptr	container	0	30	47
cycle	1	0
end	5	5	1
//--- expected-all.dot
digraph refcycle {
  graph [rankdir=LR, fontname="Helvetica", fontsize=12];
  node [shape=box, style="rounded,filled", fillcolor="#f3f6fa", fontname="Helvetica", fontsize=11];
  edge [fontname="Helvetica", fontsize=10];
  n0 [label="net::Session", tooltip="c:@N@net@S@Session"];
  n1 [label="net::Connection", tooltip="c:@N@net@S@Connection"];
  n2 [label="net::Stats", tooltip="c:@N@net@S@Stats"];
  n3 [label="net::Buffer", tooltip="c:@N@net@S@Buffer"];
  n4 [label="net::Log\"quoted\"", tooltip="c:@N@net@S@Log"];
  n0 -> n1 [label="connection", tooltip="net::Session::connection (std::shared_ptr) /src/net/session.h:10:37", penwidth=1.6];
  n0 -> n2 [label="stats", tooltip="net::Session::stats (value) /src/net/session.h:11:13", arrowtail=diamond, dir=both, color="#9aa5b1", fontcolor="#7b8794"];
  n1 -> n0 [label="owner", tooltip="net::Connection::owner (std::shared_ptr) /src/net/session.h:20:35", color=red, fontcolor=red, penwidth=2, style=bold];
  n1 -> n3 [label="buffer", tooltip="net::Connection::buffer (std::unique_ptr) /src/net/session.h:21:35", arrowhead=empty, color="#9aa5b1", fontcolor="#7b8794"];
  n2 -> n4 [label="log (container)", tooltip="net::Stats::log (std::shared_ptr) /src/net/session.h:30:47", color="#9aa5b1", fontcolor="#7b8794"];
}
//--- expected-cycles.dot
digraph refcycle {
  graph [rankdir=LR, fontname="Helvetica", fontsize=12];
  node [shape=box, style="rounded,filled", fillcolor="#f3f6fa", fontname="Helvetica", fontsize=11];
  edge [fontname="Helvetica", fontsize=10];
  subgraph cluster_0 {
    label="cycle 1: net::Connection::owner";
    style=rounded; color="#c0c8d0";
    n1 [label="net::Connection", tooltip="c:@N@net@S@Connection"];
    n0 [label="net::Session", tooltip="c:@N@net@S@Session"];
    n1 -> n0 [label="owner", tooltip="net::Connection::owner (std::shared_ptr) /src/net/session.h:20:35", color=red, fontcolor=red, penwidth=2, style=bold];
    n0 -> n1 [label="connection", tooltip="net::Session::connection (std::shared_ptr) /src/net/session.h:10:37", penwidth=1.6];
  }
}
