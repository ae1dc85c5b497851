// RUN: %check_clang_tidy --fix-notes --compile-fixed %s refcycle-dangling-capture %t

// The statements a fix adds go on lines of their own, indented as this file
// indents a block (four spaces): the block's own statements when they start
// their lines, one step in from the brace's line when they share it.

#include <functional>
#include <memory>

struct Button {
    std::function<void()> on_click;
};

class Panel : public std::enable_shared_from_this<Panel> {
public:
    void layout(Button &b) {
        b.on_click = [this] {
            resize(1);
            resize(2);
        };
        // CHECK-MESSAGES: :[[@LINE-4]]:22: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
        // CHECK-FIXES: {{^}}        b.on_click = [this, weak_this = weak_from_this()] {{{$}}
        // CHECK-FIXES-NEXT: {{^}}            auto self = weak_this.lock();{{$}}
        // CHECK-FIXES-NEXT: {{^}}            if (!self){{$}}
        // CHECK-FIXES-NEXT: {{^}}                return;{{$}}
        // CHECK-FIXES-NEXT: {{^}}            resize(1);{{$}}
        // CHECK-FIXES-NEXT: {{^}}            resize(2);{{$}}
        // CHECK-FIXES-NEXT: {{^}}        };{{$}}
    }
    void compact(Button &b) {
        b.on_click = [this] { resize(3); resize(4); };
        // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
        // CHECK-FIXES: {{^}}        b.on_click = [this, weak_this = weak_from_this()] {{{$}}
        // CHECK-FIXES-NEXT: {{^}}            auto self = weak_this.lock();{{$}}
        // CHECK-FIXES-NEXT: {{^}}            if (!self){{$}}
        // CHECK-FIXES-NEXT: {{^}}                return;{{$}}
        // CHECK-FIXES-NEXT: {{^}}            resize(3); resize(4); };{{$}}
    }
    // A comment between the brace and the first statement stays where it
    // is: no fix rather than a lost comment.
    void commented(Button &b) {
        b.on_click = [this] { /* twice */ resize(5); resize(6); };
        // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
        // CHECK-FIXES: {{^}}        b.on_click = [this] { /* twice */ resize(5); resize(6); };{{$}}
    }

    // A comment that ends the brace's line stays on it.
    void noted(Button &b) {
        b.on_click = [this] { // redraw on click
            resize(7);
        };
        // CHECK-MESSAGES: :[[@LINE-3]]:22: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
        // CHECK-FIXES: {{^}}        b.on_click = [this, weak_this = weak_from_this()] { // redraw on click{{$}}
        // CHECK-FIXES-NEXT: {{^}}            auto self = weak_this.lock();{{$}}
        // CHECK-FIXES-NEXT: {{^}}            if (!self){{$}}
        // CHECK-FIXES-NEXT: {{^}}                return;{{$}}
        // CHECK-FIXES-NEXT: {{^}}            resize(7);{{$}}
    }
    // An empty body: the brace closes on a line of its own. With a comment
    // between the braces on one line, no fix rather than a moved comment.
    void later(Button &b) {
        b.on_click = [this] {};
        // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
        // CHECK-FIXES: {{^}}        b.on_click = [this, weak_this = weak_from_this()] {{{$}}
        // CHECK-FIXES-NEXT: {{^}}            auto self = weak_this.lock();{{$}}
        // CHECK-FIXES-NEXT: {{^}}            if (!self){{$}}
        // CHECK-FIXES-NEXT: {{^}}                return;{{$}}
        // CHECK-FIXES-NEXT: {{^}}        };{{$}}
    }
    void notYet(Button &b) {
        b.on_click = [this] { /* nothing yet */ };
        // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda captures 'this' and is stored in 'Button::on_click', which may outlive this 'Panel'; bind through a weak reference [refcycle-dangling-capture]
        // CHECK-FIXES: {{^}}        b.on_click = [this] { /* nothing yet */ };{{$}}
    }

private:
    void resize(int);
};

// A file whose lines end in CR LF: the added lines end so too.
// RUN: %python -c "open(r'%t.crlf.cpp', 'wb').write(b'#include <functional>\r\n#include <memory>\r\nstruct Button { std::function<void()> on_click; };\r\nstruct Panel : std::enable_shared_from_this<Panel> {\r\n  void wire(Button &b) {\r\n    b.on_click = [this] {\r\n      go();\r\n      go();\r\n    };\r\n  }\r\n  void go();\r\n};\r\n')"
// RUN: %clang_tidy --checks='-*,refcycle-dangling-capture' --fix-notes %t.crlf.cpp -- -std=c++17 | %FileCheck --check-prefix=ENDINGS-TIDY %s
// RUN: %python -c "import sys; d = open(r'%t.crlf.cpp', 'rb').read(); print(d.count(b'\n'), d.count(b'\r\n'), d.count(b'weak_this.lock()'))" | %FileCheck --check-prefix=ENDINGS %s
// ENDINGS-TIDY: warning: lambda captures 'this'
// ENDINGS: {{^}}15 15 1{{$}}
