package dev.parley.application.fakes;

import dev.parley.application.port.out.ReactionRepository;
import dev.parley.domain.message.ReactionCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** In-memory {@link ReactionRepository} over an {@link InMemoryStore}. */
public class InMemoryReactionRepository implements ReactionRepository {
  /**
   * Code point order, which is what PostgreSQL's "C" collation gives for UTF-8; plain {@link
   * String#compareTo} compares UTF-16 units and orders emoji outside the BMP differently.
   */
  private static final Comparator<String> BY_CODE_POINTS =
      (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

  /** One stored reaction of a message. */
  private record Reaction(String emoji, long userId, Instant at) {}

  private final InMemoryStore store;

  public InMemoryReactionRepository(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Added add(long messageId, long userId, String emoji, Instant at, Bounds bounds) {
    // One lock around the check and the insert, as the row lock does in PostgreSQL.
    synchronized (store) {
      store.requireMessage(messageId);
      store.requireUser(userId);
      InMemoryStore.ReactionKey key = new InMemoryStore.ReactionKey(messageId, emoji, userId);
      if (store.reactions.containsKey(key)) {
        return Added.ALREADY;
      }
      List<InMemoryStore.ReactionKey> onMessage =
          store.reactions.keySet().stream().filter(k -> k.messageId() == messageId).toList();
      if (onMessage.stream().filter(k -> k.userId() == userId).count() >= bounds.perUser()) {
        return Added.TOO_MANY_BY_USER;
      }
      Set<String> emojis = new HashSet<>();
      onMessage.forEach(k -> emojis.add(k.emoji()));
      if (!emojis.contains(emoji) && emojis.size() >= bounds.distinctPerMessage()) {
        return Added.TOO_MANY_EMOJIS;
      }
      store.reactions.put(key, at);
      return Added.ADDED;
    }
  }

  @Override
  public boolean remove(long messageId, long userId, String emoji) {
    synchronized (store) {
      return store.reactions.remove(new InMemoryStore.ReactionKey(messageId, emoji, userId))
          != null;
    }
  }

  @Override
  public int count(long messageId, String emoji) {
    synchronized (store) {
      return (int)
          store.reactions.keySet().stream()
              .filter(key -> key.messageId() == messageId && key.emoji().equals(emoji))
              .count();
    }
  }

  @Override
  public Map<Long, List<ReactionCount>> forMessages(Collection<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return Map.of();
    }
    Set<Long> wanted = new HashSet<>(messageIds);
    Map<Long, List<Reaction>> byMessage = new TreeMap<>();
    synchronized (store) {
      store.reactions.forEach(
          (key, at) -> {
            if (wanted.contains(key.messageId())) {
              byMessage
                  .computeIfAbsent(key.messageId(), id -> new ArrayList<>())
                  .add(new Reaction(key.emoji(), key.userId(), at));
            }
          });
    }
    Map<Long, List<ReactionCount>> result = new LinkedHashMap<>();
    byMessage.forEach((messageId, reactions) -> result.put(messageId, counts(reactions)));
    return Collections.unmodifiableMap(result);
  }

  private static List<ReactionCount> counts(List<Reaction> reactions) {
    // In this order each emoji is met first at its first use, and its users in order of reacting.
    Map<String, List<Long>> byEmoji = new LinkedHashMap<>();
    reactions.stream()
        .sorted(
            Comparator.comparing(Reaction::at)
                .thenComparing(Reaction::emoji, BY_CODE_POINTS)
                .thenComparingLong(Reaction::userId))
        .forEach(r -> byEmoji.computeIfAbsent(r.emoji(), e -> new ArrayList<>()).add(r.userId()));
    return byEmoji.entrySet().stream()
        .map(e -> new ReactionCount(e.getKey(), e.getValue().size(), List.copyOf(e.getValue())))
        .toList();
  }
}
