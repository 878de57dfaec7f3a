package dev.parley.adapters.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parley.adapters.SocketRoutes;
import dev.parley.application.port.in.AuthenticateUseCase;
import dev.parley.application.port.in.AuthenticateUseCase.Credential;
import dev.parley.application.port.in.AuthenticateUseCase.Identity;
import dev.parley.domain.error.DomainError;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only token validator: Parley's own HS256 tokens (and nothing else under Parley's issuer), the
 * configured external issuer's tokens under its own algorithms and keys, and socket tickets on
 * socket upgrades. Whatever the signature says, the application then decides whether the session
 * and the user are still good, so logout and deactivation take effect at once.
 */
// Built at start-up, so a broken external-issuer configuration stops the start.
@Context
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
// Micronaut's own validator would accept any well-signed token, revoked sessions included.
@Replaces(ReactiveJsonWebTokenValidator.class)
public class ParleyTokenValidator implements TokenValidator<HttpRequest<?>> {
  private static final Logger LOG = LoggerFactory.getLogger(ParleyTokenValidator.class);
  private static final String TICKET_PREFIX = "pst_";
  private static final String BOT_PREFIX = "pbt_";
  private static final int MAX_CACHED = 50_000;

  private final SignatureGeneratorConfiguration own;
  private final ExternalIssuerSettings externalSettings;
  private final ConfigurableJWTProcessor<SecurityContext> external;
  private final AuthenticateUseCase authenticate;
  private final ExecutorService blocking;
  private final Clock clock;
  private final Duration skew;
  private final Duration cacheFor;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Identity>> pending = new ConcurrentHashMap<>();

  /** A recent positive answer, so every request does not cost two queries. */
  private record Cached(Identity identity, Instant until) {}

  /**
   * One of Parley's own tokens whose signature was checked: the same string need not be parsed and
   * verified again, only its times checked against the clock.
   */
  private record Verified(Credential.Own credential, Date expires, Date notBefore) {}

  ParleyTokenValidator(
      @Named("generator") SignatureGeneratorConfiguration own,
      ExternalIssuerSettings externalSettings,
      AuthenticateUseCase authenticate,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      Clock clock,
      TokenSettings settings) {
    this.own = own;
    this.externalSettings = externalSettings;
    this.authenticate = authenticate;
    this.blocking = blocking;
    this.clock = clock;
    this.skew = settings.getClockSkew();
    this.cacheFor = settings.getSessionCheckCache();
    this.external = externalSettings.enabled() ? externalProcessor(externalSettings) : null;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    Credential credential = credentialOf(token, request);
    if (credential == null) {
      return Publishers.empty();
    }
    String key = cacheKey(credential);
    Cached hit = key == null ? null : cache.get(key);
    if (hit != null && clock.instant().isBefore(hit.until())) {
      return Publishers.just(authentication(hit.identity()));
    }
    CompletableFuture<Identity> lookup =
        key == null ? lookUp(credential, null) : shared(key, credential);
    return Publishers.fromCompletableFuture(
        lookup.thenApply(identity -> identity == null ? null : authentication(identity)));
  }

  /**
   * The lookup of this session already on its way, or a new one: a user's many sockets reconnecting
   * at once (a storm, a page with several tabs) cost one session check, not one each. A request
   * that joins a lookup started before a logout committed was concurrent with that logout.
   */
  private CompletableFuture<Identity> shared(String key, Credential credential) {
    CompletableFuture<Identity> mine = new CompletableFuture<>();
    CompletableFuture<Identity> running = pending.putIfAbsent(key, mine);
    if (running != null) {
      return running;
    }
    lookUp(credential, key)
        .whenComplete(
            (identity, failure) -> {
              pending.remove(key, mine);
              if (failure != null) {
                mine.completeExceptionally(failure);
              } else {
                mine.complete(identity);
              }
            });
    return mine;
  }

  /** The session check off the event loop; null when the credential no longer stands. */
  private CompletableFuture<Identity> lookUp(Credential credential, String key) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Identity identity = authenticate.authenticate(credential);
            remember(key, identity);
            return identity;
          } catch (DomainError refused) {
            return null;
          }
        },
        blocking);
  }

  /** The verified claim of a token, or null when it is not acceptable as presented. */
  Credential credentialOf(String token, HttpRequest<?> request) {
    if (token == null || token.isBlank()) {
      return null;
    }
    if (token.startsWith(BOT_PREFIX)) {
      // A bot's token: opaque, checked against its session's stored hash.
      return new Credential.Bot(token);
    }
    if (token.startsWith(TICKET_PREFIX)) {
      // One real upgrade on a socket route, never a REST call that merely says "Upgrade".
      return SocketRoutes.isUpgrade(request) ? new Credential.Ticket(token) : null;
    }
    Verified seen = verified.get(token);
    if (seen != null) {
      return timesAreValid(seen.expires(), seen.notBefore()) ? seen.credential() : null;
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      String issuer = jwt.getJWTClaimsSet().getIssuer();
      if (JwtTokenIssuer.ISSUER.equals(issuer)) {
        return ownCredential(token, jwt);
      }
      if (external != null && externalSettings.getIssuer().equals(issuer)) {
        return externalCredential(jwt);
      }
      return null;
    } catch (ParseException | JOSEException | BadJOSEException | RuntimeException rejected) {
      LOG.debug("token rejected: {}", rejected.getClass().getSimpleName());
      return null;
    }
  }

  private Credential ownCredential(String token, SignedJWT jwt)
      throws ParseException, JOSEException {
    // Only HS256 under Parley's issuer: no "none", no public-key-as-secret confusion.
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !own.verify(jwt)) {
      return null;
    }
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    if (!timesAreValid(claims.getExpirationTime(), claims.getNotBeforeTime())) {
      return null;
    }
    String session = claims.getStringClaim(JwtTokenIssuer.SESSION_CLAIM);
    if (session == null || claims.getSubject() == null) {
      return null;
    }
    Credential.Own credential = new Credential.Own(Long.parseLong(claims.getSubject()), session);
    if (verified.size() >= MAX_CACHED) {
      verified.clear();
    }
    verified.put(
        token, new Verified(credential, claims.getExpirationTime(), claims.getNotBeforeTime()));
    return credential;
  }

  private Credential externalCredential(SignedJWT jwt)
      throws BadJOSEException, JOSEException, ParseException {
    JWTClaimsSet claims = external.process(jwt, null);
    Object subject = claims.getClaim(externalSettings.getUserIdClaim());
    if (subject == null || subject.toString().isBlank()) {
      return null;
    }
    Object username = claims.getClaim(externalSettings.getUsernameClaim());
    return new Credential.External(
        claims.getIssuer(), subject.toString(), username == null ? null : username.toString());
  }

  private boolean timesAreValid(Date expires, Date notBefore) {
    Instant now = clock.instant();
    if (expires == null || !now.minus(skew).isBefore(expires.toInstant())) {
      return false;
    }
    return notBefore == null || !now.plus(skew).isBefore(notBefore.toInstant());
  }

  private ConfigurableJWTProcessor<SecurityContext> externalProcessor(ExternalIssuerSettings s) {
    JWKSource<SecurityContext> keys;
    if (s.getSecret() != null) {
      String weakness = SecretStrength.weakness(s.getSecret());
      if (weakness != null) {
        // Anyone who guesses it mints tokens for any user: same bar as PARLEY_JWT_SECRET.
        throw new IllegalStateException("parley.security.external.secret is too weak: " + weakness);
      }
      keys = new ImmutableSecret<>(s.getSecret().getBytes(StandardCharsets.UTF_8));
    } else if (s.getJwksUri() != null) {
      try {
        keys = JWKSourceBuilder.create(jwksUrl(s).toURL()).build();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalStateException("parley.security.external.jwks-uri is not a URL", e);
      }
    } else {
      throw new IllegalStateException(
          "parley.security.external needs a secret or a jwks-uri to verify the issuer's tokens");
    }
    Set<JWSAlgorithm> algorithms =
        s.getAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    if (algorithms.stream().anyMatch(a -> a.getName().equalsIgnoreCase("none"))) {
      throw new IllegalStateException("'none' is never an accepted algorithm");
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            // Mutable sets: Nimbus asks them whether they contain null.
            s.getAudience() == null ? null : new HashSet<>(List.of(s.getAudience())),
            new JWTClaimsSet.Builder().issuer(s.getIssuer()).build(),
            new HashSet<>(List.of("exp", s.getUserIdClaim())),
            new HashSet<>());
    verifier.setMaxClockSkew((int) skew.toSeconds());
    processor.setJWTClaimsSetVerifier(verifier);
    return processor;
  }

  /**
   * The JWKS URI, refused unless it is https: keys fetched over plain http can be swapped by anyone
   * on the path. Loopback (a sidecar) is fine, and so is anything with {@code allow-insecure-jwks}.
   */
  static URI jwksUrl(ExternalIssuerSettings s) {
    URI uri = URI.create(s.getJwksUri());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && (isLoopback(uri.getHost()) || s.isAllowInsecureJwks())) {
      return uri;
    }
    throw new IllegalStateException(
        "parley.security.external.jwks-uri must be https (plain http only on loopback, or with"
            + " parley.security.external.allow-insecure-jwks=true)");
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: a name would need DNS, which an attacker may answer.
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String cacheKey(Credential credential) {
    if (credential instanceof Credential.Own own) {
      return own.userId() + "/" + own.sessionId();
    }
    if (credential instanceof Credential.External ext) {
      return ext.issuer() + "\n" + ext.subject();
    }
    if (credential instanceof Credential.Bot bot) {
      return "bot\n" + bot.token();
    }
    return null; // tickets are single-use: never cached
  }

  private void remember(String key, Identity identity) {
    if (key == null || cacheFor.isZero()) {
      return;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(key, new Cached(identity, clock.instant().plus(cacheFor)));
  }

  private static Authentication authentication(Identity identity) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put(JwtTokenIssuer.USERNAME_CLAIM, identity.username());
    if (identity.sessionId() != null) {
      attributes.put(JwtTokenIssuer.SESSION_CLAIM, identity.sessionId());
    }
    return Authentication.build(Long.toString(identity.userId()), attributes);
  }
}
