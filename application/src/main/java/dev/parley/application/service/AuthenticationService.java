package dev.parley.application.service;

import dev.parley.application.port.in.AuthenticateUseCase;
import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.error.InvalidCredentials;
import dev.parley.domain.error.UsernameTaken;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one rule for every credential: Parley tokens need a live session, tickets are spent once,
 * external identities get an account on first sight, and no inactive user ever authenticates.
 */
public final class AuthenticationService implements AuthenticateUseCase {
  private final SessionRepository sessions;
  private final SocketTicketStore tickets;
  private final UserRepository users;
  private final Transactions tx;
  private final Clock clock;
  private final List<Consumer<User>> onSignUp;

  /**
   * @param onSignUp steps run when an external identity is provisioned, as on registration
   */
  public AuthenticationService(
      SessionRepository sessions,
      SocketTicketStore tickets,
      UserRepository users,
      Transactions tx,
      Clock clock,
      List<Consumer<User>> onSignUp) {
    this.sessions = sessions;
    this.tickets = tickets;
    this.users = users;
    this.tx = tx;
    this.clock = clock;
    this.onSignUp = List.copyOf(onSignUp);
  }

  @Override
  public Identity authenticate(Credential credential) {
    Instant now = clock.instant();
    if (credential instanceof Credential.Own own) {
      sessions
          .standing(own.sessionId())
          .filter(s -> s.userId() == own.userId() && s.isLive(now))
          .orElseThrow(InvalidCredentials::new);
      return identity(activeUser(own.userId()), own.sessionId());
    }
    if (credential instanceof Credential.Ticket ticket) {
      if (!ticket.value().startsWith(SessionServices.TICKET_PREFIX)) {
        throw new InvalidCredentials();
      }
      SocketTicketStore.Ticket spent =
          tickets.take(Secrets.hash(ticket.value()), now).orElseThrow(InvalidCredentials::new);
      if (spent.sessionId() != null) {
        sessions
            .standing(spent.sessionId())
            .filter(s -> s.isLive(now))
            .orElseThrow(InvalidCredentials::new);
      }
      return identity(activeUser(spent.userId()), spent.sessionId());
    }
    if (credential instanceof Credential.Bot bot) {
      return botIdentity(bot.token(), now);
    }
    return identity(provisioned((Credential.External) credential), null);
  }

  /** A bot token names its session, which holds the token's hash: live, matching, a bot's. */
  private Identity botIdentity(String token, Instant now) {
    String sessionId = BotServices.sessionOf(token).orElseThrow(InvalidCredentials::new);
    SessionRepository.Session session =
        sessions
            .findById(sessionId)
            .filter(s -> s.isLive(now))
            .filter(s -> Secrets.sameHash(Secrets.hash(token), s.refreshHash()))
            .orElseThrow(InvalidCredentials::new);
    User bot = activeUser(session.userId());
    if (!bot.bot()) {
      throw new InvalidCredentials();
    }
    return identity(bot, sessionId);
  }

  private User activeUser(long userId) {
    return users.findById(userId).filter(User::active).orElseThrow(InvalidCredentials::new);
  }

  private User provisioned(Credential.External external) {
    Optional<User> known = users.findByExternal(external.issuer(), external.subject());
    if (known.isEmpty()) {
      known = Optional.of(create(external));
    }
    return known.filter(User::active).orElseThrow(InvalidCredentials::new);
  }

  /**
   * Creates the account under the first free name. Identities map by (issuer, subject) only, so a
   * name taken by someone else (a local account, or another identity claiming it) never hands that
   * account over and never locks this identity out: the next candidate is tried.
   */
  private User create(Credential.External external) {
    for (Username name :
        ExternalNames.candidates(external.issuer(), external.subject(), external.username())) {
      try {
        return tx.inTransaction(
            () -> {
              User user =
                  users.createExternal(
                      new NewUser(name, null, external.username(), null, clock.instant()),
                      external.issuer(),
                      external.subject());
              onSignUp.forEach(step -> step.accept(user));
              return user;
            });
      } catch (UsernameTaken taken) {
        // Provisioned concurrently by another request: that account is this identity's.
        Optional<User> raced = users.findByExternal(external.issuer(), external.subject());
        if (raced.isPresent()) {
          return raced.get();
        }
      }
    }
    // Only reachable if every random name collided too.
    throw new IllegalStateException("no free name for an external identity");
  }

  private static Identity identity(User user, String sessionId) {
    return new Identity(user.id(), user.username().value(), sessionId);
  }
}
