package dev.parley.bootstrap.wiring;

import dev.parley.application.port.in.GetUserUseCase;
import dev.parley.application.port.in.LoginUseCase;
import dev.parley.application.port.in.RegisterUserUseCase;
import dev.parley.application.port.out.PasswordHasher;
import dev.parley.application.port.out.TokenIssuer;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.GetUserService;
import dev.parley.application.service.LoginService;
import dev.parley.application.service.RegisterUserService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Builds the framework-free use cases from the adapters' port implementations. */
@Factory
public class UseCaseFactory {

  /** UTC, ticking in microseconds: what PostgreSQL {@code timestamptz} stores. */
  @Singleton
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }

  @Singleton
  RegisterUserUseCase registerUser(
      UserRepository users, PasswordHasher hasher, Transactions tx, Clock clock) {
    return new RegisterUserService(users, hasher, tx, clock, List.of());
  }

  @Singleton
  LoginUseCase login(UserRepository users, PasswordHasher hasher, TokenIssuer tokens) {
    return new LoginService(users, hasher, tokens);
  }

  @Singleton
  GetUserUseCase getUser(UserRepository users) {
    return new GetUserService(users);
  }
}
