package dev.parley.domain.error;

/** The content is bigger than the limit allows (an upload over the size cap). */
public final class TooLarge extends DomainError {
  public TooLarge(String message) {
    super(Kind.TOO_LARGE, message);
  }
}
