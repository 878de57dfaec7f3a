package dev.parley.application.contract;

import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Rows the contracts build on; names are unique because JDBC test classes share a database. */
final class Fixtures {
  /** Microsecond precision, what PostgreSQL {@code timestamptz} keeps. */
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private Fixtures() {}

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  static User user(UserRepository users) {
    return users.create(new NewUser(new Username(unique("user")), null, null, "h", NOW));
  }

  static Server server(ServerRepository servers, User owner) {
    return servers.create(new NewServer(unique("server "), null, null, owner.id(), false, NOW));
  }

  static Channel textChannel(ChannelRepository channels, Server server, Integer position) {
    return channels.create(
        new NewChannel(
            server.id(),
            ChannelKind.TEXT,
            unique("text-"),
            null,
            null,
            position,
            server.ownerId(),
            NOW));
  }

  static Channel conversation(ChannelRepository channels, ChannelKind kind, User creator) {
    return channels.create(new NewChannel(null, kind, null, null, null, null, creator.id(), NOW));
  }
}
