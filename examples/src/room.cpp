#include "chat/room.h"

namespace chat {

void Member::join(const std::shared_ptr<Room> &room) {
  room_ = room;
  room->add(std::make_shared<Member>(*this));
}

void Member::say(const std::string &text) {
  if (room_)
    room_->broadcast(name_, text);
}

void Room::add(std::shared_ptr<Member> member) {
  members_.push_back(std::move(member));
}

void Room::broadcast(const std::string &from, const std::string &text) {
  history_.push_back(from + ": " + text);
}

} // namespace chat
