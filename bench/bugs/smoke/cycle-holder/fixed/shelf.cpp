// Menu entries form a tree; each entry also keeps the entry that holds it,
// and the code that builds the tree closes the loop on the same objects.
#include <memory>
#include <string>
#include <vector>

struct Entry {
  std::string label;
  std::vector<std::shared_ptr<Entry>> items;
  std::weak_ptr<Entry> holder;
};

void attach(const std::shared_ptr<Entry> &shelf, const std::shared_ptr<Entry> &item) {
  item->holder = shelf;
  shelf->items.push_back(item);
}

std::size_t build_menu() {
  auto root = std::make_shared<Entry>();
  auto file = std::make_shared<Entry>();
  attach(root, file);
  attach(file, std::make_shared<Entry>());
  return root->items.size();
}
