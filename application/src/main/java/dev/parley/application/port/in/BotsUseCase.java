package dev.parley.application.port.in;

import dev.parley.domain.server.Role;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.List;

/**
 * Bot accounts: a server's admins create bots, which join that server as members; each bot signs in
 * with a long-lived token, shown once, stored as a hash, rotated or revoked by the admins.
 */
public interface BotsUseCase {

  /** A new bot and its token, which is never shown again. */
  record CreatedBot(User bot, Role role, String token) {}

  /** A bot of the server, as its admins see it; {@code hasToken} is false once revoked. */
  record BotInfo(User bot, Role role, long createdBy, Instant createdAt, boolean hasToken) {}

  CreatedBot create(long actorId, long serverId, String name);

  List<BotInfo> list(long actorId, long serverId);

  /** A new token for the bot; the old one stops working at once, and its sockets close. */
  String rotateToken(long actorId, long serverId, long botId);

  /** The bot's token stops working at once, and its sockets close. */
  void revokeToken(long actorId, long serverId, long botId);
}
