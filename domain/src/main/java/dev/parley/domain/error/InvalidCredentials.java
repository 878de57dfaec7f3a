package dev.parley.domain.error;

/** Login failed; one message for unknown user and wrong password so accounts cannot be probed. */
public final class InvalidCredentials extends DomainError {
  public InvalidCredentials() {
    super(Kind.UNAUTHENTICATED, "Incorrect username or password");
  }
}
