package dev.parley.application.port.out;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Who is connected and which status they chose. One node keeps it in memory; many nodes share it
 * (with expiry, so a crashed node's users go offline by themselves).
 */
public interface PresenceStore {

  /** Counts one more live connection of the user; returns their count afterwards. */
  int connected(long userId);

  /** Counts one connection less; returns the count afterwards. */
  int disconnected(long userId);

  /** Sets (or, with null, clears) the status the user chose. */
  void setChosenStatus(long userId, String status);

  /** The users' effective statuses: online, idle, dnd or offline. */
  Map<Long, String> statuses(Collection<Long> userIds);

  /**
   * Those of the users who chose to be invisible, connected or not: everything that lists who is
   * here leaves them out (see {@code PresenceService#present}).
   */
  Set<Long> invisible(Collection<Long> userIds);
}
