// RUN: %check_clang_tidy %s refcycle-shared-ptr-cycle %t
// Recursive ASTs and polymorphic node hierarchies: no warning.

#include <memory>
#include <vector>

// Case 1: an expression tree with operands through the polymorphic base.
struct Expr {
  virtual ~Expr() = default;
};
struct Binary : Expr {
  std::shared_ptr<Expr> lhs;
  std::shared_ptr<Expr> rhs;
};
struct Unary : Expr {
  std::shared_ptr<Expr> operand;
};
struct Call : Expr {
  std::shared_ptr<Expr> callee;
  std::vector<std::shared_ptr<Expr>> args;
};

// Case 2: statements owning expressions and statements: derived node kinds
// of one polymorphic base.
struct Node {
  virtual ~Node();
};
struct Block : Node {
  std::vector<std::unique_ptr<Node>> statements;
};
struct If : Node {
  std::shared_ptr<Node> cond;
  std::shared_ptr<Node> then_branch;
  std::shared_ptr<Node> else_branch;
};

// Case 3: a composite (GoF) with children through the component base.
struct Component {
  virtual ~Component() = default;
  virtual void draw() = 0;
};
struct Composite : Component {
  std::vector<std::shared_ptr<Component>> children;
  void draw() override {}
};
struct Label : Component {
  void draw() override {}
};
