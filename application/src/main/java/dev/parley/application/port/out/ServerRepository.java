package dev.parley.application.port.out;

import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores servers. */
public interface ServerRepository {

  /** What is needed to create a server; the id comes from the store. */
  record NewServer(
      String name,
      String description,
      String icon,
      Long ownerId,
      boolean isPublic,
      Instant createdAt) {}

  Server create(NewServer server);

  Optional<Server> findById(long id);

  /** The built-in public server that holds the rooms. */
  Optional<Server> findPublic();

  /** Replaces the name, description and icon. */
  Server update(long id, String name, String description, String icon);

  /** Deletes the server with its memberships, channels and messages. */
  void delete(long id);

  /** The servers a user is a member of, oldest first. */
  List<ServerWithRole> listForUser(long userId);
}
