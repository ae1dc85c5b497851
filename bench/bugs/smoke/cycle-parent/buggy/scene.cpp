// A scene graph whose layers point back at the scene that lists them.
#include <memory>
#include <string>
#include <vector>

struct Scene;

struct Layer {
  std::string name;
  std::shared_ptr<Scene> scene;
};

struct Scene {
  std::vector<std::shared_ptr<Layer>> layers;

  void add(std::shared_ptr<Scene> self, std::string name) {
    auto layer = std::make_shared<Layer>();
    layer->name = std::move(name);
    layer->scene = self;
    layers.push_back(layer);
  }
};

int count_layers() {
  auto scene = std::make_shared<Scene>();
  scene->add(scene, "background");
  scene->add(scene, "sprites");
  return static_cast<int>(scene->layers.size());
}
