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
import dev.parley.domain.error.RateLimited;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final AllowanceThrottle throttle = new AllowanceThrottle(2);
  private final LoginService login =
      new LoginService(
          users,
          hasher,
          new SessionServices(
              new InMemorySessionRepository(),
              new InMemorySocketTicketStore(),
              users,
              hasher,
              new FakeTokenIssuer(),
              event -> {},
              new DirectTransactions(),
              Clock.systemUTC(),
              Duration.ofDays(30),
              Duration.ofSeconds(30),
              throttle),
          throttle);

  /** A fixed allowance per key, taken by attempts and given back by successes. */
  static final class AllowanceThrottle implements LoginThrottle {
    final int allowance;
    final Map<String, Integer> left = new HashMap<>();
    final List<String> failures = new ArrayList<>();

    AllowanceThrottle(int allowance) {
      this.allowance = allowance;
    }

    @Override
    public void attempt(String account, String address) {
      int remaining = left.getOrDefault(account, allowance);
      if (remaining == 0) {
        throw new RateLimited("slow down", Duration.ofSeconds(30));
      }
      left.put(account, remaining - 1);
    }

    @Override
    public void failed(String account, String address) {
      failures.add(account + "@" + address);
    }

    @Override
    public void succeeded(String account, String address) {
      left.merge(account, 1, Integer::sum);
    }
  }

  private void register(String name) {
    new RegisterUserService(users, hasher, new DirectTransactions(), Clock.systemUTC(), List.of())
        .register(RegisterUserCommand.of(name, null, "password123", null));
  }

  @Test
  void successesAreFreeAndFailuresUseUpTheAllowanceBeforeAnyHashing() {
    register("alice");
    for (int i = 0; i < 5; i++) {
      login.login(LoginCommand.of("alice", "password123"));
    }
    assertThat(throttle.left).containsEntry("alice", 2);

    assertThatThrownBy(() -> login.login(LoginCommand.of("alice", "wrong-one")))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> login.login(LoginCommand.of("ALICE", "wrong-two")))
        .isInstanceOf(InvalidCredentials.class);

    int checks = hasher.checks.get();
    assertThatThrownBy(() -> login.login(LoginCommand.of("alice", "password123")))
        .isInstanceOf(RateLimited.class)
        .satisfies(
            e -> assertThat(((RateLimited) e).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    assertThat(hasher.checks.get()).isEqualTo(checks);
  }

  @Test
  void unknownNamesAreThrottledToo() {
    assertThatThrownBy(() -> login.login(LoginCommand.of("ghost", "x1234567")))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> login.login(LoginCommand.of("ghost", "x1234567")))
        .isInstanceOf(InvalidCredentials.class);
    assertThatThrownBy(() -> login.login(LoginCommand.of("ghost", "x1234567")))
        .isInstanceOf(RateLimited.class);
  }
}
