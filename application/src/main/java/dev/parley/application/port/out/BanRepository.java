package dev.parley.application.port.out;

import dev.parley.domain.server.Ban;
import java.util.List;
import java.util.Optional;

/** Stores who is banned from which server. */
public interface BanRepository {
  /** Bans the user; an existing ban is kept as it was. */
  void add(Ban ban);

  Optional<Ban> find(long serverId, long userId);

  /** Lifts the ban; false when there was none. */
  boolean remove(long serverId, long userId);

  List<Ban> list(long serverId);
}
