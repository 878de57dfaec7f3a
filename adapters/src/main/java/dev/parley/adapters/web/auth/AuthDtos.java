package dev.parley.adapters.web.auth;

import dev.parley.application.port.in.LoginUseCase.LoginResult;
import dev.parley.domain.user.User;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Clock;
import java.time.Duration;

/** Wire shapes of the account routes, shared by the native, 003 and 004 surfaces. */
public final class AuthDtos {
  private AuthDtos() {}

  /** Body of {@code /auth/register} and {@code /api/auth/signup}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RegisterRequest(
      String username, String email, String password, String displayName) {}

  /** Body of the login routes, as JSON or as an HTML/OAuth2 password form. */
  @Introspected
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record LoginRequest(String username, String password) {}

  /** The answer to a login: an OAuth2-style bearer token. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    public static TokenResponse from(LoginResult result, Clock clock) {
      long seconds =
          Math.max(0, Duration.between(clock.instant(), result.token().expiresAt()).toSeconds());
      return new TokenResponse(result.token().value(), "bearer", seconds);
    }
  }

  /** An account as its owner sees it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record UserResponse(
      long id, String username, String email, String displayName, String createdAt) {
    public static UserResponse from(User user) {
      return new UserResponse(
          user.id(),
          user.username().value(),
          user.email() == null ? null : user.email().value(),
          user.displayName(),
          user.createdAt().toString());
    }
  }
}
