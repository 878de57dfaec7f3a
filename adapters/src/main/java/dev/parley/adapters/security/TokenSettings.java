package dev.parley.adapters.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Lifetimes of access tokens, sessions and socket tickets, and how tokens are checked. */
@ConfigurationProperties("parley.security")
public class TokenSettings {
  private Duration accessTokenTtl = Duration.ofMinutes(30);
  private Duration refreshTokenTtl = Duration.ofDays(30);
  private Duration socketTicketTtl = Duration.ofSeconds(30);
  private Duration clockSkew = Duration.ofSeconds(30);
  private Duration sessionCheckCache = Duration.ofSeconds(2);

  /** Seed 001's {@code ACCESS_TOKEN_EXPIRE_MINUTES=30}. */
  public Duration getAccessTokenTtl() {
    return accessTokenTtl;
  }

  public void setAccessTokenTtl(Duration accessTokenTtl) {
    this.accessTokenTtl = accessTokenTtl;
  }

  /** The lifetime of a login session and of its refresh tokens. */
  public Duration getRefreshTokenTtl() {
    return refreshTokenTtl;
  }

  public void setRefreshTokenTtl(Duration refreshTokenTtl) {
    this.refreshTokenTtl = refreshTokenTtl;
  }

  public Duration getSocketTicketTtl() {
    return socketTicketTtl;
  }

  public void setSocketTicketTtl(Duration socketTicketTtl) {
    this.socketTicketTtl = socketTicketTtl;
  }

  /** Leeway on a token's expiry and not-before times, for issuers whose clocks differ a little. */
  public Duration getClockSkew() {
    return clockSkew;
  }

  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  /**
   * How long the validator reuses a session's positive check; also the longest an ended session may
   * still be used over REST.
   */
  public Duration getSessionCheckCache() {
    return sessionCheckCache;
  }

  public void setSessionCheckCache(Duration sessionCheckCache) {
    this.sessionCheckCache = sessionCheckCache;
  }
}
