package dev.parley.adapters.web.auth;

import dev.parley.application.port.in.LoginUseCase.LoginResult;
import dev.parley.domain.user.User;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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

  /** The answer to a login or refresh: an OAuth2-style bearer token and its refresh token. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record TokenResponse(
      String accessToken,
      String tokenType,
      long expiresIn,
      String refreshToken,
      long refreshExpiresIn) {
    public static TokenResponse from(LoginResult result, Clock clock) {
      return new TokenResponse(
          result.token().value(),
          "bearer",
          secondsUntil(result.token().expiresAt(), clock),
          result.refresh().value(),
          secondsUntil(result.refresh().expiresAt(), clock));
    }

    private static long secondsUntil(Instant instant, Clock clock) {
      return Math.max(0, Duration.between(clock.instant(), instant).toSeconds());
    }
  }

  /** Body of {@code /auth/refresh}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RefreshRequest(String refreshToken) {}

  /** Body of {@code /auth/logout}; {@code everywhere} ends every session of the user. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record LogoutRequest(Boolean everywhere) {}

  /** Body of {@code /auth/password}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record PasswordChange(String currentPassword, String newPassword) {}

  /** Body of {@code DELETE /users/me}: the password, so a stolen token cannot close accounts. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record Deactivation(String password) {}

  /** A single-use socket ticket: {@code ?ticket=} instead of {@code ?token=} on an upgrade. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record TicketResponse(String ticket, long expiresIn) {}

  /** An account as its owner sees it; {@code bot} marks a bot account. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record UserResponse(
      long id, String username, String email, String displayName, String createdAt, boolean bot) {
    public static UserResponse from(User user) {
      return new UserResponse(
          user.id(),
          user.username().value(),
          user.email() == null ? null : user.email().value(),
          user.displayName(),
          user.createdAt().toString(),
          user.bot());
    }
  }
}
