package dev.parley.application.fakes;

import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** In-memory {@link ChannelChangeLog} over an {@link InMemoryStore}. */
public class InMemoryChannelChangeLog implements ChannelChangeLog {
  private final InMemoryStore store;

  public InMemoryChannelChangeLog(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public long record(long channelId, Change change) {
    synchronized (store) {
      Channel advanced = store.advance(channelId, false);
      store
          .changes
          .computeIfAbsent(channelId, id -> new ArrayList<>())
          .add(new Changed(advanced.lastPos(), change));
      return advanced.lastPos();
    }
  }

  @Override
  public List<Entry> after(long channelId, long afterPos, int limit) {
    synchronized (store) {
      Stream<Entry> created =
          store.messages.values().stream()
              .filter(m -> m.channelId() == channelId && m.pos() > afterPos)
              .map(m -> new Created(m.pos(), m));
      Stream<Entry> changed =
          store.changes.getOrDefault(channelId, List.of()).stream()
              .filter(c -> c.pos() > afterPos)
              .map(c -> c);
      return Stream.concat(created, changed)
          .sorted(Comparator.comparingLong(Entry::pos))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public long positionOfSeq(long channelId, long seq) {
    synchronized (store) {
      return store.messages.values().stream()
          .filter(m -> m.channelId() == channelId && m.seq() == seq)
          .mapToLong(Message::pos)
          .findFirst()
          .orElse(0);
    }
  }

  @Override
  public Map<Long, Long> changedSince(Instant since, int limit) {
    synchronized (store) {
      Map<Long, Long> changed = new TreeMap<>();
      for (Message m : store.messages.values()) {
        if (!m.createdAt().isBefore(since)) {
          changed.merge(m.channelId(), m.pos(), Math::min);
        }
      }
      store.changes.forEach(
          (channelId, entries) ->
              entries.stream()
                  .filter(c -> !c.change().at().isBefore(since))
                  .forEach(c -> changed.merge(channelId, c.pos(), Math::min)));
      Map<Long, Long> limited = new TreeMap<>();
      changed.entrySet().stream().limit(limit).forEach(e -> limited.put(e.getKey(), e.getValue()));
      return limited;
    }
  }
}
