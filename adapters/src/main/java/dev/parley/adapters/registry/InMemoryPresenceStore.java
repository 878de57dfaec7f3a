package dev.parley.adapters.registry;

import dev.parley.application.port.out.PresenceStore;
import dev.parley.domain.server.Presence;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PresenceStore} in this node's memory. Each user's entry changes atomically, and is removed
 * once they have neither a connection nor a chosen status, so memory follows the live users.
 */
@Singleton
@Requires(missingProperty = "redis.uri")
public class InMemoryPresenceStore implements PresenceStore {

  /** One user's live connection count and chosen status (null: none). */
  private record Entry(int connections, String chosen) {
    /** Null, which removes the entry, when there is nothing left to remember. */
    Entry orNothing() {
      return connections == 0 && chosen == null ? null : this;
    }
  }

  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public int connected(long userId) {
    Entry entry =
        entries.compute(
            userId,
            (id, e) -> e == null ? new Entry(1, null) : new Entry(e.connections() + 1, e.chosen()));
    return entry.connections();
  }

  @Override
  public int disconnected(long userId) {
    Entry entry =
        entries.computeIfPresent(
            userId, (id, e) -> new Entry(Math.max(0, e.connections() - 1), e.chosen()).orNothing());
    return entry == null ? 0 : entry.connections();
  }

  @Override
  public void setChosenStatus(long userId, String status) {
    entries.compute(
        userId, (id, e) -> new Entry(e == null ? 0 : e.connections(), status).orNothing());
  }

  @Override
  public Map<Long, String> statuses(Collection<Long> userIds) {
    Map<Long, String> statuses = new LinkedHashMap<>();
    for (long userId : userIds) {
      Entry entry = entries.get(userId);
      statuses.put(
          userId,
          entry == null
              ? Presence.effective(0, null)
              : Presence.effective(entry.connections(), entry.chosen()));
    }
    return statuses;
  }

  @Override
  public Set<Long> invisible(Collection<Long> userIds) {
    Set<Long> invisible = new LinkedHashSet<>();
    for (long userId : userIds) {
      Entry entry = entries.get(userId);
      if (entry != null && Presence.INVISIBLE.equals(entry.chosen())) {
        invisible.add(userId);
      }
    }
    return invisible;
  }

  /** How many users have an entry; for tests that check memory follows the live users. */
  int trackedUsers() {
    return entries.size();
  }
}
