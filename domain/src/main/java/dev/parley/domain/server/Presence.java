package dev.parley.domain.server;

import dev.parley.domain.error.InvalidInput;
import java.util.Locale;
import java.util.Set;

/**
 * Presence rules: a user is offline without a live connection; otherwise the status they chose
 * (idle, dnd), invisible shows as offline, and no choice means online.
 */
public final class Presence {
  public static final String ONLINE = "online";
  public static final String IDLE = "idle";
  public static final String DND = "dnd";
  public static final String INVISIBLE = "invisible";
  public static final String OFFLINE = "offline";

  private static final Set<String> CHOOSABLE = Set.of(ONLINE, IDLE, DND, INVISIBLE);

  private Presence() {}

  /** A status a user may choose (online, idle, dnd, invisible). */
  public static String chosen(String status) {
    String s = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
    if (s.equals("away")) {
      s = IDLE;
    }
    if (!CHOOSABLE.contains(s)) {
      throw new InvalidInput("status", "status must be online, idle, dnd or invisible");
    }
    return s;
  }

  /** What others see, from the live connection count and the chosen status. */
  public static String effective(int connections, String chosen) {
    if (connections <= 0 || INVISIBLE.equals(chosen)) {
      return OFFLINE;
    }
    return chosen == null ? ONLINE : chosen;
  }
}
