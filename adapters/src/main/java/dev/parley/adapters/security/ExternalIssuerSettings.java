package dev.parley.adapters.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The external issuer ("the main application") whose tokens Parley also accepts: its issuer, how
 * its tokens are verified (a shared secret or a JWKS URL) and which claims name the user.
 */
@ConfigurationProperties("parley.security.external")
public class ExternalIssuerSettings {
  private String issuer;
  private String audience;
  private String secret;
  private String jwksUri;
  private List<String> algorithms;
  private String userIdClaim = "sub";
  private String usernameClaim = "username";
  private boolean allowInsecureJwks;

  /** Whether an external issuer is configured at all. */
  public boolean enabled() {
    return issuer != null && !issuer.isBlank();
  }

  @Nullable
  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(@Nullable String issuer) {
    this.issuer = issuer;
  }

  @Nullable
  public String getAudience() {
    return audience;
  }

  public void setAudience(@Nullable String audience) {
    this.audience = audience;
  }

  @Nullable
  public String getSecret() {
    return secret;
  }

  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  @Nullable
  public String getJwksUri() {
    return jwksUri;
  }

  public void setJwksUri(@Nullable String jwksUri) {
    this.jwksUri = jwksUri;
  }

  /** Accepted algorithms; by default HS256 with a secret, RS256 and ES256 with a JWKS. */
  public List<String> getAlgorithms() {
    if (algorithms != null && !algorithms.isEmpty()) {
      return algorithms;
    }
    return secret != null ? List.of("HS256") : List.of("RS256", "ES256");
  }

  public void setAlgorithms(@Nullable List<String> algorithms) {
    this.algorithms = algorithms;
  }

  public String getUserIdClaim() {
    return userIdClaim;
  }

  public void setUserIdClaim(String userIdClaim) {
    this.userIdClaim = userIdClaim;
  }

  public String getUsernameClaim() {
    return usernameClaim;
  }

  public void setUsernameClaim(String usernameClaim) {
    this.usernameClaim = usernameClaim;
  }

  /** Whether a plain-http JWKS URI off the loopback interface is accepted (default false). */
  public boolean isAllowInsecureJwks() {
    return allowInsecureJwks;
  }

  public void setAllowInsecureJwks(boolean allowInsecureJwks) {
    this.allowInsecureJwks = allowInsecureJwks;
  }

  @Override
  public String toString() {
    // Never print the secret.
    return "ExternalIssuerSettings[issuer=" + issuer + ", jwksUri=" + jwksUri + "]";
  }
}
