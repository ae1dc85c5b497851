// refcycle-tidy runs applied fixes through the project's .clang-format by
// default (clang-tidy's --format-style=file); --format-style=none, or a
// FormatStyle in a .clang-tidy file, turns that off.
//
// REQUIRES: mode-standalone
// RUN: rm -rf %t.dir && mkdir -p %t.dir/default %t.dir/none %t.dir/config
// RUN: printf 'BasedOnStyle: LLVM\nAllowShortIfStatementsOnASingleLine: WithoutElse\n' > %t.dir/.clang-format
// RUN: printf 'FormatStyle: none\n' > %t.dir/config/.clang-tidy
// RUN: cp %s %t.dir/default/panel.cpp && cp %s %t.dir/none/panel.cpp && cp %s %t.dir/config/panel.cpp
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes %t.dir/default/panel.cpp -- -std=c++17
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes --format-style=none %t.dir/none/panel.cpp -- -std=c++17
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes %t.dir/config/panel.cpp -- -std=c++17
// RUN: %FileCheck --check-prefix=STYLED --strict-whitespace --input-file=%t.dir/default/panel.cpp %s
// RUN: %FileCheck --check-prefix=PLAIN --strict-whitespace --input-file=%t.dir/none/panel.cpp %s
// RUN: %FileCheck --check-prefix=PLAIN --strict-whitespace --input-file=%t.dir/config/panel.cpp %s
//
// A .clang-format this clang-format cannot read (a key of a later release):
// clang-tidy would write none of the file's fixes when told to format them,
// so the default is off for that run, and the run says so.
// RUN: mkdir -p %t.dir/newer && printf 'BasedOnStyle: LLVM\nOptionOfALaterRelease: true\n' > %t.dir/newer/.clang-format
// RUN: cp %s %t.dir/newer/panel.cpp
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes %t.dir/newer/panel.cpp -- -std=c++17 2>&1 | %FileCheck --check-prefix=UNREADABLE %s
// RUN: %FileCheck --check-prefix=PLAIN --strict-whitespace --input-file=%t.dir/newer/panel.cpp %s
//
// A header next to such a .clang-format, included from a source file whose
// own .clang-format is readable: the run formats with the source file's
// style, headers included, and the header's fixes are written.
// RUN: mkdir -p %t.dir/hdr/src %t.dir/hdr/inc
// RUN: printf 'BasedOnStyle: LLVM\nAllowShortIfStatementsOnASingleLine: WithoutElse\n' > %t.dir/hdr/src/.clang-format
// RUN: printf 'BasedOnStyle: LLVM\nOptionOfALaterRelease: true\n' > %t.dir/hdr/inc/.clang-format
// RUN: cp %s %t.dir/hdr/inc/panel.h && printf '#include "panel.h"\n' > %t.dir/hdr/src/main.cpp
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes --header-filter='.*' %t.dir/hdr/src/main.cpp -- -std=c++17 -I%t.dir/hdr/inc
// RUN: %FileCheck --check-prefix=STYLED --strict-whitespace --input-file=%t.dir/hdr/inc/panel.h %s
// UNREADABLE: refcycle-tidy: the .clang-format of {{.*}}panel.cpp cannot be read by clang-format {{[0-9.]+}}; fixes are applied without formatting (--format-style=none)

#include <functional>
#include <memory>

struct Button {
  std::function<void()> on_click;
};

class Panel : public std::enable_shared_from_this<Panel> {
public:
  void layout(Button &b) {
    b.on_click = [this] { resize(1); resize(2); };
  }

private:
  void resize(int);
};

// STYLED: {{^}}      if (!self) return;{{$}}
// STYLED-NEXT: {{^}}      resize(1);{{$}}
// STYLED-NEXT: {{^}}      resize(2);{{$}}

// PLAIN: {{^}}      if (!self){{$}}
// PLAIN-NEXT: {{^}}        return;{{$}}
// PLAIN-NEXT: {{^}}      resize(1); resize(2); };{{$}}
