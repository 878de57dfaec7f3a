package dev.parley.domain.error;

/** Usernames are unique ignoring case. */
public final class UsernameTaken extends DomainError {
  public UsernameTaken() {
    super(Kind.CONFLICT, "Username already registered");
  }
}
