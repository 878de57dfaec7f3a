package dev.parley.domain.error;

/** Base of every rule violation the domain reports; adapters map {@link #kind()} to wire codes. */
public abstract class DomainError extends RuntimeException {

  /** The broad family of a rule violation, independent of any transport. */
  public enum Kind {
    INVALID_INPUT,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_LARGE,
    RATE_LIMITED,
    UNAVAILABLE
  }

  private final Kind kind;

  protected DomainError(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
