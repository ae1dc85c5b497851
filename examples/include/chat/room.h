#ifndef CHAT_ROOM_H
#define CHAT_ROOM_H

#include <memory>
#include <string>
#include <vector>

namespace chat {

class Room;

// A participant keeps a handle to the room it is in, to post messages there.
class Member {
public:
  explicit Member(std::string name) : name_(std::move(name)) {}
  void join(const std::shared_ptr<Room> &room);
  void say(const std::string &text);
  const std::string &name() const { return name_; }

private:
  std::string name_;
  std::shared_ptr<Room> room_;
};

class Room : public std::enable_shared_from_this<Room> {
public:
  explicit Room(std::string topic) : topic_(std::move(topic)) {}
  void add(std::shared_ptr<Member> member);
  void broadcast(const std::string &from, const std::string &text);
  const std::string &topic() const { return topic_; }

private:
  std::string topic_;
  std::vector<std::shared_ptr<Member>> members_;
  std::vector<std::string> history_;
};

} // namespace chat

#endif // CHAT_ROOM_H
