package dev.parley.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.parley.application.port.in.AuthenticateUseCase;
import dev.parley.application.port.in.AuthenticateUseCase.Credential;
import dev.parley.application.port.in.AuthenticateUseCase.Identity;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The validator's start-up checks of the external issuer, where a socket ticket counts, that a
 * token verified once is still held to its times and its exact signature, and that concurrent
 * requests of one session share one session check.
 */
class ParleyTokenValidatorTest {

  private static ParleyTokenValidator validator(ExternalIssuerSettings settings) {
    return new ParleyTokenValidator(
        null, settings, null, null, Clock.systemUTC(), noSessionCache());
  }

  /** The default clock skew; no reuse of session checks, so each test sees its own. */
  private static TokenSettings noSessionCache() {
    TokenSettings tokens = new TokenSettings();
    tokens.setSessionCheckCache(Duration.ZERO);
    return tokens;
  }

  private static final SecretSignature SIGNATURE = ownSignature();

  private static SecretSignature ownSignature() {
    SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
    config.setSecret("q8Vt2LmZr7Kx4NpW9cHs6JdYf3BgTa5E");
    return new SecretSignature(config);
  }

  /** One of Parley's own tokens for user 42's session s1, expiring at {@code expiry}. */
  private static String sessionToken(Instant expiry) throws Exception {
    return SIGNATURE
        .sign(
            new JWTClaimsSet.Builder()
                .issuer(JwtTokenIssuer.ISSUER)
                .subject("42")
                .claim(JwtTokenIssuer.SESSION_CLAIM, "s1")
                .expirationTime(Date.from(expiry))
                .build())
        .serialize();
  }

  private static ExternalIssuerSettings issuer() {
    ExternalIssuerSettings settings = new ExternalIssuerSettings();
    settings.setIssuer("https://main-app.example");
    return settings;
  }

  @Test
  void aWeakExternalSecretStopsTheStart() {
    for (String weak :
        new String[] {"tiny-1", "change-me-please-change-me-please-1234", "a".repeat(64)}) {
      ExternalIssuerSettings settings = issuer();
      settings.setSecret(weak);
      assertThatThrownBy(() -> validator(settings))
          .as(weak)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("too weak")
          .hasMessageNotContaining(weak);
    }
    ExternalIssuerSettings strong = issuer();
    strong.setSecret("q8Zr1mX0vN3cT7bW5yK2pL9sD4fG6hJ0aE1uI8oY");
    assertThatCode(() -> validator(strong)).doesNotThrowAnyException();
  }

  @Test
  void aPlainHttpJwksUriIsRefusedUnlessLoopbackOrAllowed() {
    for (String refused :
        new String[] {"http://idp.example/jwks.json", "http://10.0.0.5/jwks", "file:///etc/jwks"}) {
      ExternalIssuerSettings settings = issuer();
      settings.setJwksUri(refused);
      assertThatThrownBy(() -> validator(settings))
          .as(refused)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("https");
    }
    for (String accepted :
        new String[] {
          "https://idp.example/jwks.json",
          "http://127.0.0.1:8081/jwks.json",
          "http://localhost/jwks",
          "http://[::1]:9000/jwks"
        }) {
      ExternalIssuerSettings settings = issuer();
      settings.setJwksUri(accepted);
      assertThatCode(() -> validator(settings)).as(accepted).doesNotThrowAnyException();
    }
    ExternalIssuerSettings allowed = issuer();
    allowed.setJwksUri("http://idp.internal/jwks.json");
    allowed.setAllowInsecureJwks(true);
    assertThatCode(() -> validator(allowed)).doesNotThrowAnyException();
  }

  @Test
  void aTicketCountsOnlyOnARealUpgradeOfASocketRoute() {
    ParleyTokenValidator validator = validator(new ExternalIssuerSettings());
    assertThat(
            validator.credentialOf(
                "pst_x", HttpRequest.GET("/chat/ws").header("Upgrade", "websocket")))
        .isEqualTo(new Credential.Ticket("pst_x"));
    assertThat(
            validator.credentialOf(
                "pst_x", HttpRequest.GET("/ws/chat/4").header("Upgrade", "WebSocket")))
        .isNotNull();
    assertThat(
            validator.credentialOf(
                "pst_x", HttpRequest.GET("/users/me").header("Upgrade", "websocket")))
        .isNull();
    assertThat(
            validator.credentialOf(
                "pst_x", HttpRequest.POST("/chat/ws", "").header("Upgrade", "websocket")))
        .isNull();
    assertThat(
            validator.credentialOf(
                "pst_x", HttpRequest.GET("/chat/wsx").header("Upgrade", "websocket")))
        .isNull();
    assertThat(validator.credentialOf("pst_x", HttpRequest.GET("/chat/ws"))).isNull();
  }

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-12-05T12:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aTokenVerifiedOnceIsStillHeldToItsExpiryAndItsExactSignature() throws Exception {
    HandClock clock = new HandClock();
    ParleyTokenValidator validator =
        new ParleyTokenValidator(
            SIGNATURE, new ExternalIssuerSettings(), null, null, clock, noSessionCache());
    String token = sessionToken(clock.now.plusSeconds(600));
    HttpRequest<?> request = HttpRequest.GET("/users/me");
    Credential.Own expected = new Credential.Own(42, "s1");

    assertThat(validator.credentialOf(token, request)).isEqualTo(expected);
    assertThat(validator.credentialOf(token, request)).isEqualTo(expected);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(validator.credentialOf(tampered, request)).isNull();

    clock.now = clock.now.plusSeconds(600 + 31);
    assertThat(validator.credentialOf(token, request)).isNull();
  }

  @Test
  void concurrentRequestsOfOneSessionShareOneSessionCheck() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    AuthenticateUseCase slowCheck =
        credential -> {
          checks.incrementAndGet();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Identity(42, "ada", "s1");
        };
    ExecutorService blocking = Executors.newCachedThreadPool();
    try {
      ParleyTokenValidator validator =
          new ParleyTokenValidator(
              SIGNATURE,
              new ExternalIssuerSettings(),
              slowCheck,
              blocking,
              Clock.systemUTC(),
              noSessionCache());
      String token = sessionToken(Instant.now().plusSeconds(600));
      List<CompletableFuture<Authentication>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(Mono.from(validator.validateToken(token, HttpRequest.GET("/me"))).toFuture());
      }
      release.countDown();
      for (CompletableFuture<Authentication> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).getName()).isEqualTo("42");
      }
      assertThat(checks).as("session checks made").hasValue(1);

      // Once that check is over, the next request checks again (no cache: cacheFor is zero).
      Mono.from(validator.validateToken(token, HttpRequest.GET("/me"))).block();
      assertThat(checks).hasValue(2);
    } finally {
      blocking.shutdownNow();
    }
  }
}
