package dev.parley.application.service;

import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.user.User;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The authors of some messages, read in one go: their names, and which of them are bots. */
final class Authors {
  private final Map<Long, User> byId;

  private Authors(Map<Long, User> byId) {
    this.byId = byId;
  }

  static Authors of(UserRepository users, Collection<Long> ids) {
    return new Authors(
        users.findAllById(List.copyOf(ids)).stream()
            .collect(Collectors.toMap(User::id, Function.identity(), (a, b) -> a)));
  }

  /** The user's name; a placeholder for an account that is gone. */
  String name(long userId) {
    User user = byId.get(userId);
    return user == null ? "user-" + userId : user.username().value();
  }

  /** The message as surfaces show it: its author's name and bot mark, its server. */
  PostedMessage posted(Message message, Channel channel) {
    User author = byId.get(message.authorId());
    return author == null
        ? PostedMessage.of(message, name(message.authorId()), channel)
        : PostedMessage.of(message, author, channel);
  }
}
