#include "chat/widgets.h"

namespace chat {

// The button outlives the panel: pressing it after the panel was closed calls
// reload() on a destroyed object (refcycle-dangling-capture).
void HistoryPanel::attach(Button &refresh) {
  refresh.on_press = [this] { reload(); };
}

void HistoryPanel::reload() { ++reloads_; }

} // namespace chat
