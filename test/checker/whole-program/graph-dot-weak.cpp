// Golden DOT output with weak references (facts kind 'weak'): dashed, grey,
// an open arrowhead. In the whole graph every weak edge is drawn; with
// --cycles-only, those between the types of a reported cycle, inside its
// cluster (Widget::focusRoot), and not the others (Theme::preview).
// Window -> Theme (shared) and Theme -> Window (weak) are no cycle. The
// second facts file is in the format written before weak edges existed and
// still merges.
//
// REQUIRES: refcycle-graph
// RUN: rm -rf %t && %split_file %s %t
// RUN: %refcycle_graph %t/facts --dot=%t/all.dot 2>%t/err | %FileCheck %s --implicit-check-not=warning:
// RUN: diff %t/expected-all.dot %t/all.dot
// RUN: %FileCheck %s --check-prefix=SUMMARY < %t/err
// RUN: %refcycle_graph %t/facts --dot %t/cycles.dot --cycles-only > /dev/null 2>&1
// RUN: diff %t/expected-cycles.dot %t/cycles.dot
// CHECK: /src/ui/window.h:20:27: warning: 'ui::Widget::window' closes a shared_ptr ownership cycle: 'ui::Window' -> 'ui::Widget' -> 'ui::Window'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
// SUMMARY: refcycle-graph: 1 cycle (1 only across translation units) among 4 types and 4 edges (and 2 weak references) from 2 facts files

//--- facts/ui.facts
refcycle-facts	5
tu	/src/ui/window.cpp
file	0	/src/ui/window.h
node	0	c:@N@ui@S@Window	ui::Window	-
node	1	c:@N@ui@S@Widget	ui::Widget	-
node	2	c:@N@ui@S@Theme	ui::Theme	-
edge	0	1	widgets	shared	std::shared_ptr	container	0	10	40
edge	1	0	window	shared	std::shared_ptr	-	0	20	27
edge	1	0	focusRoot	weak	std::weak_ptr	-	0	21	25
edge	0	2	theme	shared	std::shared_ptr	-	0	11	27
edge	2	0	preview	weak	boost::weak_ptr	-	0	30	29
end	3	5	0
//--- facts/old.facts
refcycle-facts	5
tu	/src/ui/theme.cpp
file	0	/src/ui/theme.h
node	0	c:@N@ui@S@Theme	ui::Theme	-
node	1	c:@N@ui@S@Palette	ui::Palette	-
edge	0	1	palette	unique	std::unique_ptr	-	0	8	32
end	2	1	0
//--- expected-all.dot
digraph refcycle {
  graph [rankdir=LR, fontname="Helvetica", fontsize=12];
  node [shape=box, style="rounded,filled", fillcolor="#f3f6fa", fontname="Helvetica", fontsize=11];
  edge [fontname="Helvetica", fontsize=10];
  n0 [label="ui::Theme", tooltip="c:@N@ui@S@Theme"];
  n1 [label="ui::Palette", tooltip="c:@N@ui@S@Palette"];
  n2 [label="ui::Window", tooltip="c:@N@ui@S@Window"];
  n3 [label="ui::Widget", tooltip="c:@N@ui@S@Widget"];
  n0 -> n1 [label="palette", tooltip="ui::Theme::palette (std::unique_ptr) /src/ui/theme.h:8:32", arrowhead=empty, color="#9aa5b1", fontcolor="#7b8794"];
  n2 -> n3 [label="widgets (container)", tooltip="ui::Window::widgets (std::shared_ptr) /src/ui/window.h:10:40", penwidth=1.6];
  n2 -> n0 [label="theme", tooltip="ui::Window::theme (std::shared_ptr) /src/ui/window.h:11:27", color="#9aa5b1", fontcolor="#7b8794"];
  n3 -> n2 [label="window", tooltip="ui::Widget::window (std::shared_ptr) /src/ui/window.h:20:27", color=red, fontcolor=red, penwidth=2, style=bold];
  n3 -> n2 [label="focusRoot", tooltip="ui::Widget::focusRoot (std::weak_ptr) /src/ui/window.h:21:25", style=dashed, arrowhead=open, color="#9aa5b1", fontcolor="#7b8794"];
  n0 -> n2 [label="preview", tooltip="ui::Theme::preview (boost::weak_ptr) /src/ui/window.h:30:29", style=dashed, arrowhead=open, color="#9aa5b1", fontcolor="#7b8794"];
}
//--- expected-cycles.dot
digraph refcycle {
  graph [rankdir=LR, fontname="Helvetica", fontsize=12];
  node [shape=box, style="rounded,filled", fillcolor="#f3f6fa", fontname="Helvetica", fontsize=11];
  edge [fontname="Helvetica", fontsize=10];
  subgraph cluster_0 {
    label="cycle 1: ui::Widget::window";
    style=rounded; color="#c0c8d0";
    n3 [label="ui::Widget", tooltip="c:@N@ui@S@Widget"];
    n2 [label="ui::Window", tooltip="c:@N@ui@S@Window"];
    n3 -> n2 [label="window", tooltip="ui::Widget::window (std::shared_ptr) /src/ui/window.h:20:27", color=red, fontcolor=red, penwidth=2, style=bold];
    n2 -> n3 [label="widgets (container)", tooltip="ui::Window::widgets (std::shared_ptr) /src/ui/window.h:10:40", penwidth=1.6];
    n3 -> n2 [label="focusRoot", tooltip="ui::Widget::focusRoot (std::weak_ptr) /src/ui/window.h:21:25", style=dashed, arrowhead=open, color="#9aa5b1", fontcolor="#7b8794"];
  }
}
