package dev.parley.adapters.web.wire;

import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;

/**
 * Servers and their channels as both the native surface ({@code /chat/servers...}) and the classic
 * one of seed 003 ({@code /servers...}) take and show them, snake_case. Seed 003 gives these no
 * shape of its own, so its clients get the native one; the counts stay 0 there, as the classic
 * routes do not read them.
 */
public final class ServerDtos {
  private ServerDtos() {}

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Body of {@code POST /chat/servers} and of seed 003's {@code POST /servers}. */
  @Serdeable
  public record CreateServerRequest(String name, String description, String icon) {
    public CreateServerCommand toCommand(long ownerId) {
      return new CreateServerCommand(ownerId, name, description, icon);
    }
  }

  /** Body of a channel creation; {@code type} is TEXT (default) or VOICE. */
  @Serdeable
  public record CreateChannelRequest(
      String name, String type, String description, String category, Integer position) {
    public CreateChannelCommand toCommand(long actorId, long serverId) {
      return new CreateChannelCommand(
          actorId,
          serverId,
          name,
          ChannelKind.parseServerKind(type),
          description,
          category,
          position);
    }
  }

  /** A server, with the caller's role when listed for them. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ServerDto(
      long id,
      String name,
      String description,
      String icon,
      Long ownerId,
      boolean isPublic,
      String createdAt,
      String role,
      long unreadCount,
      long mentionCount) {
    public static ServerDto from(Server s, String role) {
      return new ServerDto(
          s.id(),
          s.name(),
          s.description(),
          s.icon(),
          s.ownerId(),
          s.isPublic(),
          time(s.createdAt()),
          role,
          0,
          0);
    }

    /** With the caller's unread and mention totals over the server's channels. */
    public ServerDto withCounts(List<ChannelState> channels) {
      return new ServerDto(
          id,
          name,
          description,
          icon,
          ownerId,
          isPublic,
          createdAt,
          role,
          channels.stream().mapToLong(ChannelState::unread).sum(),
          channels.stream().mapToLong(ChannelState::mentions).sum());
    }

    public static ServerDto from(ServerWithRole s) {
      return from(s.server(), s.role().name());
    }
  }

  /** A server channel. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ChannelDto(
      long id,
      Long serverId,
      String name,
      String type,
      String description,
      String category,
      int position,
      long lastSeq,
      String createdAt,
      long lastReadSeq,
      long unreadCount,
      long mentionCount) {
    public static ChannelDto from(Channel c) {
      return from(c, null);
    }

    /** With the caller's read position and counts, when known. */
    public static ChannelDto from(Channel c, ChannelState state) {
      return new ChannelDto(
          c.id(),
          c.serverId(),
          c.name(),
          c.kind().name(),
          c.description(),
          c.category(),
          c.position(),
          c.lastSeq(),
          time(c.createdAt()),
          state == null ? 0 : state.lastReadSeq(),
          state == null ? 0 : state.unread(),
          state == null ? 0 : state.mentions());
    }
  }
}
