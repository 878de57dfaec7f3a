package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.FakePasswordHasher;
import dev.parley.application.fakes.FakeTokenIssuer;
import dev.parley.application.fakes.InMemorySessionRepository;
import dev.parley.application.fakes.InMemorySocketTicketStore;
import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.port.in.AuthenticateUseCase.Credential;
import dev.parley.application.port.in.AuthenticateUseCase.Identity;
import dev.parley.application.port.in.LoginCommand;
import dev.parley.application.port.in.LoginUseCase.LoginResult;
import dev.parley.application.port.in.RegisterUserCommand;
import dev.parley.application.port.in.SessionsUseCase.SocketTicket;
import dev.parley.application.port.out.LoginThrottle;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.InvalidCredentials;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token lifecycle: refresh rotation and theft detection, logout, password change, tickets. */
class SessionServicesTest {
  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemorySessionRepository sessionStore = new InMemorySessionRepository();
  private final InMemorySocketTicketStore tickets = new InMemorySocketTicketStore();
  private final DirectTransactions tx = new DirectTransactions();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<ChatEvent> published = new ArrayList<>();
  private final List<User> provisioned = new ArrayList<>();
  private final SessionServices sessions =
      new SessionServices(
          sessionStore,
          tickets,
          users,
          hasher,
          new FakeTokenIssuer(),
          published::add,
          tx,
          clock,
          Duration.ofDays(30),
          Duration.ofSeconds(30),
          LoginThrottle.NONE);
  private final LoginService login = new LoginService(users, hasher, sessions);
  private final AuthenticationService auth =
      new AuthenticationService(sessionStore, tickets, users, tx, clock, List.of(provisioned::add));
  private final User alice =
      new RegisterUserService(users, hasher, tx, clock, List.of())
          .register(RegisterUserCommand.of("alice", null, "password123", null));

  private String sessionOf(LoginResult result) {
    return result.token().value().substring(result.token().value().indexOf('@') + 1);
  }

  private LoginResult loginAlice() {
    return login.login(LoginCommand.of("alice", "password123"));
  }

  @Test
  void aLoginStartsASessionThatAuthenticates() {
    LoginResult result = loginAlice();
    Identity who = auth.authenticate(new Credential.Own(alice.id(), sessionOf(result)));
    assertThat(who).isEqualTo(new Identity(alice.id(), "alice", sessionOf(result)));
    assertThatThrownBy(
            () -> auth.authenticate(new Credential.Own(alice.id() + 1, sessionOf(result))))
        .as("a session belongs to one user")
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> auth.authenticate(new Credential.Own(alice.id(), "made-up")))
        .isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void refreshRotatesAndAReplayedTokenEndsTheSession() {
    LoginResult first = loginAlice();
    LoginResult second = sessions.refresh(first.refresh().value());
    assertThat(second.refresh().value()).isNotEqualTo(first.refresh().value());
    assertThat(sessionOf(second)).isEqualTo(sessionOf(first));

    LoginResult third = sessions.refresh(second.refresh().value());
    assertThat(third.user()).isEqualTo(alice);

    // The first token again: somebody kept a copy. Both holders lose the session.
    assertThatThrownBy(() -> sessions.refresh(first.refresh().value()))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> sessions.refresh(third.refresh().value()))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> auth.authenticate(new Credential.Own(alice.id(), sessionOf(first))))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(published).containsExactly(new SessionEnded(alice.id(), sessionOf(first)));
  }

  @Test
  void refreshTokensExpireAndAreNeverAccessTokens() {
    LoginResult result = loginAlice();
    clock.advance(Duration.ofDays(31));
    assertThatThrownBy(() -> sessions.refresh(result.refresh().value()))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> sessions.refresh(null)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> sessions.refresh(result.token().value()))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void logoutEndsOneSessionOrAll() {
    LoginResult phone = loginAlice();
    LoginResult laptop = loginAlice();
    sessions.logout(alice.id(), sessionOf(phone), false);
    assertThatThrownBy(() -> auth.authenticate(new Credential.Own(alice.id(), sessionOf(phone))))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(auth.authenticate(new Credential.Own(alice.id(), sessionOf(laptop))).userId())
        .isEqualTo(alice.id());

    sessions.logout(alice.id(), sessionOf(laptop), true);
    assertThatThrownBy(() -> auth.authenticate(new Credential.Own(alice.id(), sessionOf(laptop))))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(published)
        .containsExactly(
            new SessionEnded(alice.id(), sessionOf(phone)), new SessionEnded(alice.id(), null));
  }

  @Test
  void passwordChangeNeedsTheOldOneAndEndsEverySession() {
    LoginResult result = loginAlice();
    assertThatThrownBy(
            () -> sessions.changePassword(alice.id(), "wrong-pass", "newpassword1", "10.0.0.1"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("current password");
    assertThatThrownBy(
            () -> sessions.changePassword(alice.id(), "password123", "short", "10.0.0.1"))
        .isInstanceOf(InvalidInput.class);

    sessions.changePassword(alice.id(), "password123", "newpassword1", "10.0.0.1");
    assertThatThrownBy(() -> auth.authenticate(new Credential.Own(alice.id(), sessionOf(result))))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> sessions.refresh(result.refresh().value()))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(this::loginAlice).isInstanceOf(InvalidCredentials.class);
    assertThat(login.login(LoginCommand.of("alice", "newpassword1")).user())
        .isEqualTo(users.findById(alice.id()).orElseThrow());
    assertThat(published).contains(new SessionEnded(alice.id(), null));
  }

  @Test
  void aDeactivatedUserNeverAuthenticatesAgain() {
    LoginResult result = loginAlice();
    SocketTicket ticket = sessions.socketTicket(alice.id(), sessionOf(result));
    sessions.deactivate(alice.id(), "password123", "10.0.0.1");
    assertThatThrownBy(() -> auth.authenticate(new Credential.Own(alice.id(), sessionOf(result))))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> auth.authenticate(new Credential.Ticket(ticket.value())))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(this::loginAlice).isInstanceOf(InvalidCredentials.class);
    assertThat(published).containsExactly(new SessionEnded(alice.id(), null));
  }

  @Test
  void aTicketOpensOneSocketWithinItsLifetime() {
    LoginResult result = loginAlice();
    SocketTicket ticket = sessions.socketTicket(alice.id(), sessionOf(result));
    assertThat(ticket.value()).startsWith("pst_");
    assertThat(auth.authenticate(new Credential.Ticket(ticket.value())))
        .isEqualTo(new Identity(alice.id(), "alice", sessionOf(result)));
    assertThatThrownBy(() -> auth.authenticate(new Credential.Ticket(ticket.value())))
        .as("single use")
        .isInstanceOf(InvalidCredentials.class);

    SocketTicket late = sessions.socketTicket(alice.id(), sessionOf(result));
    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> auth.authenticate(new Credential.Ticket(late.value())))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> auth.authenticate(new Credential.Ticket("pst_guessed")))
        .isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void externalIdentitiesAreProvisionedOnceAndNeverTakeALocalName() {
    Identity first =
        auth.authenticate(new Credential.External("https://idp", "u-1", "mainapp.user"));
    Identity again = auth.authenticate(new Credential.External("https://idp", "u-1", "renamed"));
    assertThat(again.userId()).isEqualTo(first.userId());
    assertThat(first.username()).isEqualTo("mainapp.user");
    assertThat(provisioned).hasSize(1);

    // "alice" is a local account: the external alice gets a derived name, not her account.
    Identity other = auth.authenticate(new Credential.External("https://idp", "u-2", "alice"));
    assertThat(other.userId()).isNotEqualTo(alice.id());
    assertThat(other.username()).startsWith("ext-");
    Identity odd = auth.authenticate(new Credential.External("https://idp", "u-3", "not valid!"));
    assertThat(odd.username()).startsWith("ext-");
  }

  @Test
  void takenNamesNeverLockAnExternalIdentityOut() {
    String derived = ExternalNames.candidates("https://idp", "u-9", null).get(0).value();
    // Accounts from before the ext- form was reserved hold both the claimed and derived names.
    for (String name : new String[] {"wanted", derived}) {
      users.create(
          new UserRepository.NewUser(new Username(name), null, null, "h", clock.instant()));
    }
    Identity first = auth.authenticate(new Credential.External("https://idp", "u-9", "wanted"));
    assertThat(first.username()).isEqualTo(derived + "-2");
    Identity again = auth.authenticate(new Credential.External("https://idp", "u-9", "wanted"));
    assertThat(again.userId()).isEqualTo(first.userId());
    // A claimed name in the reserved form is never used, so it cannot take another's derived name.
    Identity claimer = auth.authenticate(new Credential.External("https://idp", "u-10", derived));
    assertThat(claimer.username()).isNotEqualTo(derived).startsWith("ext-");

    assertThatThrownBy(
            () ->
                new RegisterUserService(users, hasher, tx, clock, List.of())
                    .register(RegisterUserCommand.of("EXT-mine", null, "password123", null)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void aMadeUpRefreshTokenNamingASessionIsRefusedAndEndsNothing() {
    LoginResult result = loginAlice();
    String sid = sessionOf(result);
    assertThatThrownBy(() -> sessions.refresh("prt_" + sid + ".garbage"))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(sessionStore.findById(sid).orElseThrow().revokedAt()).isNull();
    assertThat(published).isEmpty();
    LoginResult next = sessions.refresh(result.refresh().value());
    // The exchanged token coming back is a replay: the session ends.
    assertThatThrownBy(() -> sessions.refresh(result.refresh().value()))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(sessionStore.findById(sid).orElseThrow().revokedAt()).isNotNull();
    assertThatThrownBy(() -> sessions.refresh(next.refresh().value()))
        .isInstanceOf(InvalidCredentials.class);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
