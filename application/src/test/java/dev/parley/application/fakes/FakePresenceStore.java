package dev.parley.application.fakes;

import dev.parley.application.port.out.PresenceStore;
import dev.parley.domain.server.Presence;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A plain, synchronized {@link PresenceStore} for use-case tests. */
public class FakePresenceStore implements PresenceStore {
  private final Map<Long, Integer> connections = new HashMap<>();
  private final Map<Long, String> chosen = new HashMap<>();

  @Override
  public synchronized int connected(long userId) {
    return connections.merge(userId, 1, Integer::sum);
  }

  @Override
  public synchronized int disconnected(long userId) {
    int count = Math.max(0, connections.getOrDefault(userId, 0) - 1);
    if (count == 0) {
      connections.remove(userId);
    } else {
      connections.put(userId, count);
    }
    return count;
  }

  @Override
  public synchronized void setChosenStatus(long userId, String status) {
    if (status == null) {
      chosen.remove(userId);
    } else {
      chosen.put(userId, status);
    }
  }

  @Override
  public synchronized Map<Long, String> statuses(Collection<Long> userIds) {
    Map<Long, String> statuses = new LinkedHashMap<>();
    for (long userId : userIds) {
      statuses.put(
          userId, Presence.effective(connections.getOrDefault(userId, 0), chosen.get(userId)));
    }
    return statuses;
  }

  @Override
  public synchronized Set<Long> invisible(Collection<Long> userIds) {
    Set<Long> invisible = new LinkedHashSet<>();
    for (long userId : userIds) {
      if (Presence.INVISIBLE.equals(chosen.get(userId))) {
        invisible.add(userId);
      }
    }
    return invisible;
  }
}
