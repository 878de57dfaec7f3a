package dev.parley.domain.error;

import java.time.Duration;

/** Too many attempts in too little time; {@link #retryAfter()} says when one will be allowed. */
public final class RateLimited extends DomainError {
  private final Duration retryAfter;

  public RateLimited(String message, Duration retryAfter) {
    super(Kind.RATE_LIMITED, message);
    this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
