package dev.parley.application.service;

import dev.parley.application.port.in.LoginUseCase;
import dev.parley.application.port.in.LoginUseCase.LoginResult;
import dev.parley.application.port.in.LoginUseCase.RefreshToken;
import dev.parley.application.port.in.SessionsUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.LoginThrottle;
import dev.parley.application.port.out.PasswordHasher;
import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.SessionRepository.Session;
import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.TokenIssuer;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.InvalidCredentials;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.user.RawPassword;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Login sessions: each login starts one with a refresh token that rotates on every use. Reusing a
 * rotated token means it was copied, so the whole session ends (a made-up token is only refused);
 * ending sessions closes their sockets through a {@link SessionEnded} event.
 */
public final class SessionServices implements SessionsUseCase {
  static final String REFRESH_PREFIX = "prt_";
  static final String TICKET_PREFIX = "pst_";

  private final SessionRepository sessions;
  private final SocketTicketStore tickets;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final ChatEventPublisher events;
  private final Transactions tx;
  private final Clock clock;
  private final Duration refreshTtl;
  private final Duration ticketTtl;
  private final LoginThrottle throttle;

  /**
   * @param throttle the login throttle, which current-password checks share so a stolen access
   *     token cannot guess the password online
   */
  public SessionServices(
      SessionRepository sessions,
      SocketTicketStore tickets,
      UserRepository users,
      PasswordHasher hasher,
      TokenIssuer tokens,
      ChatEventPublisher events,
      Transactions tx,
      Clock clock,
      Duration refreshTtl,
      Duration ticketTtl,
      LoginThrottle throttle) {
    this.throttle = throttle;
    this.sessions = sessions;
    this.tickets = tickets;
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
    this.refreshTtl = refreshTtl;
    this.ticketTtl = ticketTtl;
  }

  /** Starts a session for a user who just proved who they are. */
  public LoginResult start(User user) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    String refresh = Secrets.random(REFRESH_PREFIX + id + ".");
    Session session =
        new Session(id, user.id(), Secrets.hash(refresh), now, now.plus(refreshTtl), null);
    sessions.create(session);
    return new LoginResult(
        accessToken(user, session.id()), new RefreshToken(refresh, session.expiresAt()), user);
  }

  @Override
  public LoginResult refresh(String refreshToken) {
    int dot = refreshToken == null ? -1 : refreshToken.indexOf('.');
    if (dot < 0 || !refreshToken.startsWith(REFRESH_PREFIX)) {
      throw new InvalidInput("refresh_token", "refresh_token is required");
    }
    String hash = Secrets.hash(refreshToken);
    Instant now = clock.instant();
    Session session =
        sessions
            .findById(refreshToken.substring(REFRESH_PREFIX.length(), dot))
            .filter(s -> s.isLive(now))
            .orElseThrow(InvalidCredentials::new);
    if (!Secrets.sameHash(hash, session.refreshHash())) {
      // The session id is no secret (it rides in every access token): only a token really issued
      // for this session and already exchanged means someone holds a copy, and ends the session.
      // Anything else is a guess and changes nothing.
      boolean replayed =
          sessions.retiredHashes(session.id()).stream()
              .anyMatch(retired -> Secrets.sameHash(hash, retired));
      if (replayed) {
        end(session.userId(), session.id());
      }
      throw new InvalidCredentials();
    }
    User user =
        users.findById(session.userId()).filter(User::active).orElseThrow(InvalidCredentials::new);
    String next = Secrets.random(REFRESH_PREFIX + session.id() + ".");
    if (!sessions.rotate(session.id(), hash, Secrets.hash(next))) {
      throw new InvalidCredentials();
    }
    return new LoginResult(
        accessToken(user, session.id()), new RefreshToken(next, session.expiresAt()), user);
  }

  @Override
  public void logout(long userId, String sessionId, boolean everywhere) {
    if (everywhere || sessionId == null) {
      endAll(userId);
    } else {
      sessions
          .findById(sessionId)
          .filter(s -> s.userId() == userId)
          .ifPresent(s -> end(userId, s.id()));
    }
  }

  @Override
  public void changePassword(
      long userId, String currentPassword, String newPassword, String address) {
    User user = requirePassword(userId, currentPassword, address);
    String hash = hasher.hash(RawPassword.forRegistration(newPassword));
    tx.inTransaction(
        () -> {
          users.updatePassword(user.id(), hash);
          return sessions.revokeAllOf(user.id(), clock.instant());
        });
    events.publish(new SessionEnded(userId, null));
  }

  @Override
  public void deactivate(long userId, String password, String address) {
    User user = requirePassword(userId, password, address);
    tx.inTransaction(
        () -> {
          users.deactivate(user.id());
          return sessions.revokeAllOf(user.id(), clock.instant());
        });
    events.publish(new SessionEnded(userId, null));
  }

  @Override
  public SocketTicket socketTicket(long userId, String sessionId) {
    String ticket = Secrets.random(TICKET_PREFIX);
    Instant expires = clock.instant().plus(ticketTtl);
    tickets.save(Secrets.hash(ticket), new SocketTicketStore.Ticket(userId, sessionId, expires));
    return new SocketTicket(ticket, expires);
  }

  private User requirePassword(long userId, String password, String address) {
    User user = users.findById(userId).orElseThrow(() -> new NotFound("User not found"));
    if (password == null || user.passwordHash() == null) {
      throw new InvalidInput("current_password", "the current password is required");
    }
    String account = user.username().key();
    String from = address == null || address.isBlank() ? "unknown" : address;
    throttle.attempt(account, from);
    if (!hasher.matches(RawPassword.forLogin(password), user.passwordHash())) {
      throttle.failed(account, from);
      throw new InvalidInput("current_password", "the current password is wrong");
    }
    throttle.succeeded(account, from);
    return user;
  }

  private void end(long userId, String sessionId) {
    sessions.revoke(sessionId, clock.instant());
    events.publish(new SessionEnded(userId, sessionId));
  }

  private void endAll(long userId) {
    List<String> ended = sessions.revokeAllOf(userId, clock.instant());
    if (!ended.isEmpty()) {
      events.publish(new SessionEnded(userId, null));
    }
  }

  private LoginUseCase.AccessToken accessToken(User user, String sessionId) {
    TokenIssuer.AccessToken issued = tokens.issue(user, sessionId);
    return new LoginUseCase.AccessToken(issued.value(), issued.expiresAt());
  }
}
