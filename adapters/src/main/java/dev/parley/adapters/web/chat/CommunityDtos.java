package dev.parley.adapters.web.chat;

import dev.parley.application.port.in.Conversation;
import dev.parley.application.port.in.InvitesUseCase.InviteView;
import dev.parley.domain.server.Ban;
import dev.parley.domain.server.Invite;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** Wire shapes of moderation, invites, read state, presence and native conversations. */
public final class CommunityDtos {
  private CommunityDtos() {}

  /** Body of a server edit; absent fields stay as they are. */
  @Serdeable
  public record ServerPatch(String name, String description, String icon) {}

  /** Body of a channel edit; absent fields stay as they are. */
  @Serdeable
  public record ChannelPatch(String name, String description, String category, Integer position) {}

  /** Body of a member edit. */
  @Serdeable
  public record MemberPatch(String role) {}

  /** Body of a timeout: how long, 0 to lift it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record TimeoutRequest(Long durationSeconds) {}

  /** Body of a ban. */
  @Serdeable
  public record BanRequest(String reason) {}

  /** A ban. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record BanDto(long serverId, long userId, Long bannedBy, String reason, String createdAt) {
    static BanDto from(Ban ban) {
      return new BanDto(
          ban.serverId(),
          ban.userId(),
          ban.bannedBy(),
          ban.reason(),
          ChatDtos.time(ban.createdAt()));
    }
  }

  /** Body of an invite creation; both limits optional. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record InviteRequest(Integer maxUses, Long maxAgeSeconds) {}

  /** An invite. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record InviteDto(
      String code,
      long serverId,
      long createdBy,
      String createdAt,
      String expiresAt,
      Integer maxUses,
      int uses,
      boolean revoked,
      String serverName) {
    static InviteDto from(Invite i, String serverName) {
      return new InviteDto(
          i.code(),
          i.serverId(),
          i.createdBy(),
          ChatDtos.time(i.createdAt()),
          ChatDtos.time(i.expiresAt()),
          i.maxUses(),
          i.uses(),
          i.revokedAt() != null,
          serverName);
    }

    static InviteDto from(InviteView view) {
      return from(view.invite(), view.server().name());
    }
  }

  /** Body of a read mark: up to {@code seq}, or everything when absent. */
  @Serdeable
  public record ReadRequest(Long seq) {}

  /** A read position with what is left unread. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ReadStateDto(
      long channelId,
      Long serverId,
      long lastSeq,
      long lastReadSeq,
      long unreadCount,
      long mentionCount) {}

  /** Body of a status change. */
  @Serdeable
  public record StatusRequest(String status) {}

  /** A user's presence. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record PresenceDto(long userId, String status) {}

  /** Body of a native conversation creation; participant ids as numbers or numeric strings. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ConversationRequest(
      String name, String description, Boolean isGroup, List<JsonNode> participantIds) {}

  /** A native conversation. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ConversationDto(
      long id,
      String type,
      String name,
      String description,
      List<Long> participantIds,
      long lastSeq,
      String createdAt) {
    static ConversationDto from(Conversation c) {
      return new ConversationDto(
          c.channel().id(),
          c.channel().kind().name(),
          c.channel().name(),
          c.channel().description(),
          c.participantIds(),
          c.channel().lastSeq(),
          ChatDtos.time(c.channel().createdAt()));
    }
  }
}
