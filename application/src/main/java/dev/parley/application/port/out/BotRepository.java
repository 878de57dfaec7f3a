package dev.parley.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The bot accounts of each server and the session that stands for each one's token. */
public interface BotRepository {

  /** A bot as stored; {@code sessionId} is null while it has no token. */
  record Bot(long userId, long serverId, long createdBy, Instant createdAt, String sessionId) {}

  void create(Bot bot);

  Optional<Bot> find(long userId);

  /** The server's bots, oldest first. */
  List<Bot> inServer(long serverId);

  /** Points the bot at the session of its new token, or at none ({@code null}). */
  void setSession(long userId, String sessionId);
}
