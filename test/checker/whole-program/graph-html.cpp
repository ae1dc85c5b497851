// The HTML report of refcycle-graph, opened in a real headless browser: the
// page must show every cycle with its SVG (rendered by Graphviz dot) and link
// the source locations. A screenshot is saved next to the test output
// (<build>/test/checker/plugin/whole-program/Output/graph-html.cpp.tmp/report.png)
// for a person to look at; the 30-type cycle is drawn as a snake of rows.
//
// REQUIRES: refcycle-graph, chromium, graphviz
// RUN: rm -rf %t && %split_file %s %t
// RUN: %refcycle_graph %t/facts --html %t/html > %t/report.txt 2>&1
// RUN: %python %S/Inputs/headless_chromium.py %chromium %t/html/index.html --dump-dom %t/dom.html --screenshot %t/report.png
// RUN: %FileCheck %s < %t/dom.html
//
// CHECK: <title>refcycle: shared_ptr ownership cycles</title>
// CHECK: 2 cycles (1 only across translation units) among 32 types and 32 ownership edges from 3 translation units.
// CHECK: <section class="cycle" id="cycle-1">
// CHECK: <code>app::ScriptEngine::context</code> <span class="badge cross">cross-TU</span>
// CHECK: 'app::ScriptEngine::context' closes a shared_ptr ownership cycle: 'app::ScriptContext' -&gt; 'app::PluginHost' -&gt;
// CHECK: <svg
// CHECK-COUNT-30: <g id="node{{[0-9]+}}" class="node">
// CHECK: context (make weak)
// CHECK: </svg>
// CHECK: <a href="file:///src/app/engine.h">/src/app/engine.h:114:27</a>
// CHECK: <section class="cycle" id="cycle-2">
// CHECK: <code>net::Connection::owner</code> <span class="badge seen">also reported per TU</span>
// CHECK: already reported when checking '/src/net/session.cpp'
// CHECK: <svg
// CHECK-COUNT-2: <g id="node{{[0-9]+}}" class="node">
// CHECK: owner (make weak)
// CHECK: </svg>
// CHECK-NOT: <section
// CHECK: </html>
//
// The report directory also holds one standalone SVG per cycle.
// RUN: %FileCheck %s --check-prefix=SVG < %t/html/cycle-2.svg
// SVG: <svg
// SVG: net::Session
//
// --only-cross-tu leaves only the cross-TU cycle on the page.
// RUN: %refcycle_graph --only-cross-tu %t/facts --html %t/html-cross > %t/report.txt 2>&1
// RUN: %FileCheck %s --check-prefix=CROSS < %t/html-cross/index.html
// CROSS: 1 cycle (1 only across translation units)
// CROSS: id="cycle-1"
// CROSS-NOT: id="cycle-2"
//
// Without Graphviz the report stops with a clear error.
// RUN: not %refcycle_graph %t/facts --html %t/html-nodot --dot-program=%t/no-such-dot 2>&1 | %FileCheck %s --check-prefix=NODOT
// NODOT: refcycle-graph: error: rendering {{.*}}cycle-1.dot with '{{.*}}no-such-dot' failed (exit status 127); install Graphviz (Debian package graphviz) or pass --dot-program

//--- facts/ui.facts
refcycle-facts	5
tu	/src/app/ui.cpp
file	0	/src/app/ui.h
node	0	c:@N@app@S@Application	app::Application	-
node	1	c:@N@app@S@WindowManager	app::WindowManager	-
node	2	c:@N@app@S@MainWindow	app::MainWindow	-
node	3	c:@N@app@S@DockArea	app::DockArea	-
node	4	c:@N@app@S@ToolPanel	app::ToolPanel	-
node	5	c:@N@app@S@PropertyEditor	app::PropertyEditor	-
node	6	c:@N@app@S@FieldGroup	app::FieldGroup	-
node	7	c:@N@app@S@FieldEditor	app::FieldEditor	-
node	8	c:@N@app@S@ValueBinding	app::ValueBinding	-
node	9	c:@N@app@S@DocumentModel	app::DocumentModel	-
node	10	c:@N@app@S@UndoStack	app::UndoStack	-
node	11	c:@N@app@S@Command	app::Command	-
node	12	c:@N@app@S@Selection	app::Selection	-
node	13	c:@N@app@S@SceneGraph	app::SceneGraph	-
node	14	c:@N@app@S@SceneNode	app::SceneNode	-
node	15	c:@N@app@S@MeshRenderer	app::MeshRenderer	-
edge	0	1	windows	shared	std::shared_ptr	-	0	10	27
edge	1	2	main	shared	std::shared_ptr	-	0	14	27
edge	2	3	dock	shared	std::shared_ptr	-	0	18	27
edge	3	4	panel	shared	std::shared_ptr	-	0	22	27
edge	4	5	editor	shared	std::shared_ptr	-	0	26	27
edge	5	6	group	shared	std::shared_ptr	-	0	30	27
edge	6	7	field	shared	std::shared_ptr	-	0	34	27
edge	7	8	binding	shared	std::shared_ptr	-	0	38	27
edge	8	9	model	shared	std::shared_ptr	-	0	42	27
edge	9	10	undo	shared	std::shared_ptr	-	0	46	27
edge	10	11	command	shared	std::shared_ptr	-	0	50	27
edge	11	12	selection	shared	std::shared_ptr	-	0	54	27
edge	12	13	scene	shared	std::shared_ptr	-	0	58	27
edge	13	14	root	shared	std::shared_ptr	-	0	62	27
edge	14	15	renderer	shared	std::shared_ptr	-	0	66	27
end	16	15	0
//--- facts/engine.facts
refcycle-facts	5
tu	/src/app/engine.cpp
file	0	/src/app/engine.h
node	0	c:@N@app@S@Application	app::Application	-
node	1	c:@N@app@S@MeshRenderer	app::MeshRenderer	-
node	2	c:@N@app@S@Material	app::Material	-
node	3	c:@N@app@S@ShaderProgram	app::ShaderProgram	-
node	4	c:@N@app@S@TextureCache	app::TextureCache	-
node	5	c:@N@app@S@Texture	app::Texture	-
node	6	c:@N@app@S@ImageLoader	app::ImageLoader	-
node	7	c:@N@app@S@FileWatcher	app::FileWatcher	-
node	8	c:@N@app@S@EventLoop	app::EventLoop	-
node	9	c:@N@app@S@TimerQueue	app::TimerQueue	-
node	10	c:@N@app@S@Timer	app::Timer	-
node	11	c:@N@app@S@Callback	app::Callback	-
node	12	c:@N@app@S@ScriptEngine	app::ScriptEngine	-
node	13	c:@N@app@S@ScriptContext	app::ScriptContext	-
node	14	c:@N@app@S@PluginHost	app::PluginHost	-
node	15	c:@N@app@S@Plugin	app::Plugin	-
edge	1	2	material	shared	std::shared_ptr	-	0	70	27
edge	2	3	shader	shared	std::shared_ptr	-	0	74	27
edge	3	4	textures	shared	std::shared_ptr	-	0	78	27
edge	4	5	texture	shared	std::shared_ptr	-	0	82	27
edge	5	6	loader	shared	std::shared_ptr	-	0	86	27
edge	6	7	watcher	shared	std::shared_ptr	-	0	90	27
edge	7	8	loop	shared	std::shared_ptr	-	0	94	27
edge	8	9	timers	shared	std::shared_ptr	-	0	98	27
edge	9	10	timer	shared	std::shared_ptr	-	0	102	27
edge	10	11	callback	shared	std::shared_ptr	-	0	106	27
edge	11	12	engine	shared	std::shared_ptr	-	0	110	27
edge	12	13	context	shared	std::shared_ptr	-	0	114	27
edge	13	14	host	shared	std::shared_ptr	-	0	118	27
edge	14	15	plugin	shared	std::shared_ptr	-	0	122	27
edge	15	0	app	shared	std::shared_ptr	-	0	126	27
end	16	15	0
//--- facts/session.facts
refcycle-facts	5
tu	/src/net/session.cpp
file	0	/src/net/session.h
node	0	c:@N@net@S@Session	net::Session	-
node	1	c:@N@net@S@Connection	net::Connection	-
edge	0	1	connection	shared	std::shared_ptr	-	0	10	37
edge	1	0	owner	shared	std::shared_ptr	-	0	20	35
cycle	1	0
end	2	2	1
