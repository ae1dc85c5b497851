#ifndef CHAT_WIDGETS_H
#define CHAT_WIDGETS_H

#include <functional>
#include <memory>
#include <string>

namespace chat {

// A button of the chat window's toolbar. It is owned by the toolbar, which
// lives for the whole session; the panels that use it come and go.
class Button {
public:
  explicit Button(std::string label) : label_(std::move(label)) {}
  void press() {
    if (on_press)
      on_press();
  }
  const std::string &label() const { return label_; }

  std::function<void()> on_press;

private:
  std::string label_;
};

// A panel that shows a room's history; closing the window destroys it.
class HistoryPanel : public std::enable_shared_from_this<HistoryPanel> {
public:
  // Makes `refresh` press-triggered.
  void attach(Button &refresh);
  void reload();
  int reloads() const { return reloads_; }

private:
  int reloads_ = 0;
};

} // namespace chat

#endif // CHAT_WIDGETS_H
