package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.FakePasswordHasher;
import dev.parley.application.fakes.FakeTokenIssuer;
import dev.parley.application.fakes.InMemorySessionRepository;
import dev.parley.application.fakes.InMemorySocketTicketStore;
import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.port.in.LoginCommand;
import dev.parley.application.port.in.RegisterUserCommand;
import dev.parley.application.port.out.LoginThrottle;
import dev.parley.domain.error.InvalidCredentials;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.UsernameTaken;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthServicesTest {
  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final DirectTransactions tx = new DirectTransactions();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private final List<User> signedUp = new ArrayList<>();
  private final RegisterUserService register =
      new RegisterUserService(users, hasher, tx, clock, List.of(signedUp::add));
  private final SessionServices sessions =
      new SessionServices(
          new InMemorySessionRepository(),
          new InMemorySocketTicketStore(),
          users,
          hasher,
          new FakeTokenIssuer(),
          event -> {},
          tx,
          clock,
          Duration.ofDays(30),
          Duration.ofSeconds(30),
          LoginThrottle.NONE);
  private final LoginService login = new LoginService(users, hasher, sessions);

  @Test
  void registersWithHashedPasswordAndRunsSignUpStepsInTheTransaction() {
    User user = register.register(RegisterUserCommand.of("alice", "a@x.io", "password123", null));

    assertThat(user.username().value()).isEqualTo("alice");
    assertThat(user.passwordHash()).isNotEqualTo("password123").startsWith("fake$");
    assertThat(user.createdAt()).isEqualTo(clock.instant());
    assertThat(signedUp).containsExactly(user);
    assertThat(tx.opened).isEqualTo(1);
  }

  @Test
  void duplicateNameInAnyCaseIsRefused() {
    register.register(RegisterUserCommand.of("alice", null, "password123", null));

    assertThatThrownBy(
            () -> register.register(RegisterUserCommand.of("ALICE", null, "password123", null)))
        .isInstanceOf(UsernameTaken.class);
  }

  @Test
  void commandRejectsBadFieldsBeforeAnyHashing() {
    assertThatThrownBy(() -> RegisterUserCommand.of("a", null, "password123", null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("username");
    assertThatThrownBy(() -> RegisterUserCommand.of("bob", null, "short", null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("password");
    assertThatThrownBy(() -> RegisterUserCommand.of("bob", null, "x".repeat(129), null))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> RegisterUserCommand.of("bob", "not-an-email", "password123", null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("email");
    assertThat(hasher.checks.get()).isZero();
  }

  @Test
  void logsInWithRightPasswordAnyCaseOfName() {
    User user = register.register(RegisterUserCommand.of("Carol", null, "password123", null));

    var result = login.login(LoginCommand.of("carol", "password123"));

    assertThat(result.user()).isEqualTo(user);
    assertThat(result.token().value()).startsWith("token-for-" + user.id() + "@");
    assertThat(result.refresh().value()).startsWith("prt_").hasSizeGreaterThan(40);
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlikeAndBothCheckAHash() {
    register.register(RegisterUserCommand.of("dave", null, "password123", null));

    assertThatThrownBy(() -> login.login(LoginCommand.of("dave", "wrong-password")))
        .isInstanceOf(InvalidCredentials.class)
        .hasMessage("Incorrect username or password");
    assertThatThrownBy(() -> login.login(LoginCommand.of("nobody", "wrong-password")))
        .isInstanceOf(InvalidCredentials.class)
        .hasMessage("Incorrect username or password");
    assertThatThrownBy(() -> login.login(LoginCommand.of("bad name!", "wrong-password")))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(hasher.checks.get()).isEqualTo(3);
  }

  @Test
  void getUserOfUnknownIdIsNotFound() {
    assertThatThrownBy(() -> new GetUserService(users).getUser(42)).isInstanceOf(NotFound.class);
  }
}
