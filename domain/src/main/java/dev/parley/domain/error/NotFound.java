package dev.parley.domain.error;

/** The resource does not exist or the caller may not see it; the two are indistinguishable. */
public final class NotFound extends DomainError {
  public NotFound(String message) {
    super(Kind.NOT_FOUND, message);
  }
}
