// RUN: %check_clang_tidy --compile-fixed %s refcycle-shared-ptr-cycle %t
// RUN: %clang_tidy %s --checks='-*,refcycle-shared-ptr-cycle' -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=NOTES

#include <memory>
#include <vector>

// Case 1: the member's type is a typedef of the pointer: the typedef stays
// (other code may use it) and the member's type is written out.
struct Parent;
typedef std::shared_ptr<Parent> ParentPtr;
struct Child {
  ParentPtr parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Child::parent' closes a shared_ptr ownership cycle: 'Parent' -> 'Child' -> 'Parent'; objects in this cycle are never freed [refcycle-shared-ptr-cycle]
  // CHECK-FIXES: {{^}}  std::weak_ptr<Parent> parent;{{$}}
// NOTES-NOT: make 'Child::parent' a weak pointer
};
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};

// Case 2: an alias template for the pointer.
template <class T> using Ref = std::shared_ptr<T>;
struct Mesh;
struct Material {
  Ref<Mesh> mesh_owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Material::mesh_owner' closes a shared_ptr ownership cycle: 'Mesh' -> 'Material' -> 'Mesh'; objects
// NOTES-DAG: :[[@LINE-2]]:13: note: make 'Material::mesh_owner' a weak pointer to break the cycle (no automatic fix: its type is spelled through the alias template 'Ref')
};
struct Mesh {
  Ref<Material> material;
};

// Case 3: a using-alias for the container: found through the alias.
struct Track;
using TrackList = std::vector<std::shared_ptr<Track>>;
struct Album {
  TrackList tracks;
};
struct Track {
  std::shared_ptr<Album> album;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Track::album' closes a shared_ptr ownership cycle: 'Album' -> 'Track' -> 'Album'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Album> album;{{$}}

// Case 4: 'using std::shared_ptr' spelling: the fix spells std::weak_ptr.
using std::shared_ptr;
struct Pane;
struct Frame {
  shared_ptr<Pane> pane;
};
struct Pane {
  shared_ptr<Frame> frame;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Pane::frame' closes a shared_ptr ownership cycle: 'Frame' -> 'Pane' -> 'Frame'; objects
};
// CHECK-FIXES: {{^}}  std::weak_ptr<Frame> frame;{{$}}
