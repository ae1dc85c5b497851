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

private:
    void resize(int);
};
