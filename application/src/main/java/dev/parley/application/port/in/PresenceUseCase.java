package dev.parley.application.port.in;

import java.util.Collection;
import java.util.Map;

/** Online/idle/dnd/offline, from connections and chosen statuses. */
public interface PresenceUseCase {

  /** Sets the status the user chose (online, idle, dnd, invisible) and tells who shares a room. */
  String setStatus(long userId, String status);

  Map<Long, String> statuses(Collection<Long> userIds);
}
