package dev.parley.application.fakes;

import dev.parley.application.port.out.MessageSearch;
import dev.parley.domain.message.Message;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * In-memory {@link MessageSearch} over an {@link InMemoryStore}: a message matches when it holds
 * every word of the query as a whole word, ignoring case, like PostgreSQL's 'simple' configuration
 * does for plain words.
 */
public class InMemoryMessageSearch implements MessageSearch {
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final InMemoryStore store;

  public InMemoryMessageSearch(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public List<Message> search(Criteria criteria) {
    Set<String> wanted = words(criteria.text());
    if (wanted.isEmpty()) {
      return List.of();
    }
    synchronized (store) {
      return store.messages.values().stream()
          .filter(m -> !m.isDeleted())
          .filter(m -> criteria.channelIds().contains(m.channelId()))
          .filter(m -> criteria.authorId() == null || m.authorId() == criteria.authorId())
          .filter(m -> criteria.beforeId() == null || m.id() < criteria.beforeId())
          .filter(m -> words(m.content()).containsAll(wanted))
          .sorted(Comparator.comparingLong(Message::id).reversed())
          .limit(criteria.limit())
          .toList();
    }
  }

  private static Set<String> words(String text) {
    return Arrays.stream(NOT_A_WORD.split(text.toLowerCase(Locale.ROOT)))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }
}
