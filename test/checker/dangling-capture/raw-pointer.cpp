// RUN: %check_clang_tidy %s refcycle-dangling-capture %t

// Raw pointers to objects managed by shared_ptr (they derive from
// std::enable_shared_from_this), captured or bound into outliving storage.

#include <functional>
#include <memory>

struct Button {
  std::function<void()> on_click;
};

struct Document : std::enable_shared_from_this<Document> {
  void save();
};

void wire(Button &b, Document *doc) {
  b.on_click = [doc] { doc->save(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: lambda captures raw pointer 'doc' and is stored in 'Button::on_click', which may outlive the 'Document' that 'doc' points to; bind through a weak reference [refcycle-dangling-capture]
}

void wireBind(Button &b, Document *doc) {
  b.on_click = std::bind(&Document::save, doc);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: std::bind binds 'Document::save' to raw pointer 'doc' and is stored in 'Button::on_click', which may outlive the 'Document' that 'doc' points to; bind through a weak reference [refcycle-dangling-capture]
}

// A shared_ptr captured by value is a strong reference, not a raw pointer.
void wireShared(Button &b, std::shared_ptr<Document> doc) {
  b.on_click = [doc] { doc->save(); };
}
