package dev.parley.adapters.security;

import dev.parley.application.port.out.TokenIssuer;
import dev.parley.domain.user.User;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Signs HS256 access tokens whose subject is the user id; the username rides along. */
@Singleton
public class JwtTokenIssuer implements TokenIssuer {
  /** Issuer claim of Parley's own tokens. */
  public static final String ISSUER = "parley";

  /** Claim carrying the login session the token belongs to. */
  public static final String SESSION_CLAIM = "sid";

  /** Claim carrying the username. */
  public static final String USERNAME_CLAIM = "username";

  private final JwtTokenGenerator generator;
  private final Duration ttl;
  private final Clock clock;

  JwtTokenIssuer(JwtTokenGenerator generator, TokenSettings settings, Clock clock) {
    if (generator.getSignatureConfiguration() == null) {
      // Without a signature the generator would emit unsigned ("alg": "none") tokens.
      throw new IllegalStateException("no JWT signature is configured; refusing to issue tokens");
    }
    this.generator = generator;
    this.ttl = settings.getAccessTokenTtl();
    this.clock = clock;
  }

  @Override
  public AccessToken issue(User user, String sessionId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(ttl);
    Map<String, Object> claims =
        Map.of(
            SESSION_CLAIM,
            sessionId,
            "sub",
            Long.toString(user.id()),
            USERNAME_CLAIM,
            user.username().value(),
            "iss",
            ISSUER,
            "iat",
            Date.from(now),
            "nbf",
            Date.from(now),
            "exp",
            Date.from(expires),
            "jti",
            UUID.randomUUID().toString());
    String token =
        generator
            .generateToken(claims)
            .orElseThrow(() -> new IllegalStateException("token signing failed"));
    return new AccessToken(token, expires);
  }
}
