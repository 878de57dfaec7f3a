package dev.parley.application.service;

import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the users a message mentions: {@code @username} tokens naming users who can see the channel
 * (others are plain text), never the author, at most {@link #MAX} per message.
 */
final class Mentions {
  static final int MAX = 50;
  private static final Pattern TOKEN = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_.\\-]{3,32})");

  private final UserRepository users;
  private final AccessGuard guard;

  Mentions(UserRepository users, AccessGuard guard) {
    this.users = users;
    this.guard = guard;
  }

  List<Long> resolve(String text, Channel channel, long authorId) {
    if (text.indexOf('@') < 0) {
      return List.of();
    }
    Set<Username> names = new LinkedHashSet<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find() && names.size() < MAX) {
      // A trailing dot ends a sentence, not a name.
      String name = matcher.group(1).replaceAll("[.\\-]+$", "");
      if (name.length() >= Username.MIN) {
        names.add(new Username(name));
      }
    }
    if (names.isEmpty()) {
      return List.of();
    }
    return users.findByUsernames(names).stream()
        .map(User::id)
        .filter(id -> id != authorId)
        .filter(id -> guard.canSee(id, channel))
        .sorted()
        .toList();
  }
}
