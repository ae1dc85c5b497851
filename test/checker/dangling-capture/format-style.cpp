// With --format-style=file, clang-tidy runs the applied fixes through the
// project's .clang-format; without a .clang-format it leaves them as the
// check laid them out (a statement per line, indented like the block).
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/styled %t.dir/plain
// RUN: printf 'BasedOnStyle: LLVM\nAllowShortIfStatementsOnASingleLine: WithoutElse\n' > %t.dir/styled/.clang-format
// RUN: cp %s %t.dir/styled/panel.cpp && cp %s %t.dir/plain/panel.cpp
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes --format-style=file %t.dir/styled/panel.cpp -- -std=c++17 -I%runtime_include
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes --format-style=file %t.dir/plain/panel.cpp -- -std=c++17 -I%runtime_include
// RUN: %FileCheck --check-prefix=STYLED --strict-whitespace --input-file=%t.dir/styled/panel.cpp %s
// RUN: %FileCheck --check-prefix=PLAIN --strict-whitespace --input-file=%t.dir/plain/panel.cpp %s

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

// STYLED: {{^}}    b.on_click = [this, weak_this = weak_from_this()] {{{$}}
// STYLED-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
// STYLED-NEXT: {{^}}      if (!self) return;{{$}}
// STYLED-NEXT: {{^}}      resize(1);{{$}}
// STYLED-NEXT: {{^}}      resize(2);{{$}}
// STYLED-NEXT: {{^}}    };{{$}}

// PLAIN: {{^}}    b.on_click = [this, weak_this = weak_from_this()] {{{$}}
// PLAIN-NEXT: {{^}}      auto self = weak_this.lock();{{$}}
// PLAIN-NEXT: {{^}}      if (!self){{$}}
// PLAIN-NEXT: {{^}}        return;{{$}}
// PLAIN-NEXT: {{^}}      resize(1); resize(2); };{{$}}
