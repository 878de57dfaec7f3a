package dev.parley.application.service;

import dev.parley.application.port.in.BotsUseCase;
import dev.parley.application.port.out.BotRepository;
import dev.parley.application.port.out.BotRepository.Bot;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.SessionRepository.Session;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.server.Role;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bot accounts. A bot is a user marked bot, with no password: its token is the only way in. The
 * token names a session of the bot's own and the session holds the token's hash, so the one session
 * check every request already makes also checks the token, and revoking the token is ending that
 * session (which closes the bot's sockets, as a logout does).
 */
public final class BotServices implements BotsUseCase {
  /** What marks a bot token, before the session id and the secret. */
  static final String TOKEN_PREFIX = "pbt_";

  /** Bot tokens do not expire: they end when revoked or rotated. */
  private static final Duration TOKEN_LIFETIME = Duration.ofDays(365L * 100);

  private final AccessGuard guard;
  private final UserRepository users;
  private final MembershipRepository memberships;
  private final BotRepository bots;
  private final SessionRepository sessions;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;

  public BotServices(
      AccessGuard guard,
      UserRepository users,
      MembershipRepository memberships,
      BotRepository bots,
      SessionRepository sessions,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    this.guard = guard;
    this.users = users;
    this.memberships = memberships;
    this.bots = bots;
    this.sessions = sessions;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  /** The session id a bot token names, when it has a bot token's shape. */
  static Optional<String> sessionOf(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    int dot = token.indexOf('.', TOKEN_PREFIX.length());
    return dot <= TOKEN_PREFIX.length()
        ? Optional.empty()
        : Optional.of(token.substring(TOKEN_PREFIX.length(), dot));
  }

  @Override
  public CreatedBot create(long actorId, long serverId, String name) {
    requireAdmin(actorId, serverId);
    Username username = new Username(name);
    Instant now = clock.instant();
    record Made(User bot, String token) {}
    Made made =
        tx.inTransaction(
            () -> {
              User bot = users.create(new NewUser(username, null, null, null, now, true));
              memberships.add(new Membership(serverId, bot.id(), Role.MEMBER, now, null));
              String token = newSession(bot.id(), now);
              bots.create(
                  new Bot(bot.id(), serverId, actorId, now, sessionOf(token).orElseThrow()));
              return new Made(bot, token);
            });
    events.publish(
        new MemberJoined(
            serverId, made.bot().id(), made.bot().username().value(), Role.MEMBER, true));
    return new CreatedBot(made.bot(), Role.MEMBER, made.token());
  }

  @Override
  public List<BotInfo> list(long actorId, long serverId) {
    requireAdmin(actorId, serverId);
    List<Bot> stored = bots.inServer(serverId);
    Map<Long, User> accounts =
        users.findAllById(stored.stream().map(Bot::userId).toList()).stream()
            .collect(Collectors.toMap(User::id, Function.identity()));
    return stored.stream()
        .filter(b -> accounts.containsKey(b.userId()))
        .map(
            b ->
                new BotInfo(
                    accounts.get(b.userId()),
                    memberships.find(serverId, b.userId()).map(Membership::role).orElse(null),
                    b.createdBy(),
                    b.createdAt(),
                    b.sessionId() != null && sessions.standing(b.sessionId()).isPresent()))
        .toList();
  }

  @Override
  public String rotateToken(long actorId, long serverId, long botId) {
    Bot bot = requireBot(actorId, serverId, botId);
    Instant now = clock.instant();
    String token =
        tx.inTransaction(
            () -> {
              if (bot.sessionId() != null) {
                sessions.revoke(bot.sessionId(), now);
              }
              String fresh = newSession(botId, now);
              bots.setSession(botId, sessionOf(fresh).orElseThrow());
              return fresh;
            });
    if (bot.sessionId() != null) {
      events.publish(new SessionEnded(botId, bot.sessionId()));
    }
    return token;
  }

  @Override
  public void revokeToken(long actorId, long serverId, long botId) {
    Bot bot = requireBot(actorId, serverId, botId);
    if (bot.sessionId() == null) {
      return;
    }
    tx.inTransaction(
        () -> {
          sessions.revoke(bot.sessionId(), clock.instant());
          bots.setSession(botId, null);
          return null;
        });
    events.publish(new SessionEnded(botId, bot.sessionId()));
  }

  /** Stores a session for the bot and answers the token that names it. */
  private String newSession(long botId, Instant now) {
    String id = UUID.randomUUID().toString();
    String token = Secrets.random(TOKEN_PREFIX + id + ".");
    sessions.create(
        new Session(id, botId, Secrets.hash(token), now, now.plus(TOKEN_LIFETIME), null));
    return token;
  }

  private void requireAdmin(long actorId, long serverId) {
    guard.requirePermission(
        actorId, serverId, Permission.MANAGE_MEMBERS, "Only admins can manage the server's bots");
  }

  /** A bot of this server; the caller must be one of its admins. */
  private Bot requireBot(long actorId, long serverId, long botId) {
    requireAdmin(actorId, serverId);
    return bots.find(botId)
        .filter(b -> b.serverId() == serverId)
        .orElseThrow(() -> new NotFound("Bot not found"));
  }
}
