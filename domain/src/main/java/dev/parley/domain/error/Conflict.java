package dev.parley.domain.error;

/** The action contradicts the current state (already a member, duplicate name, ...). */
public final class Conflict extends DomainError {
  public Conflict(String message) {
    super(Kind.CONFLICT, message);
  }
}
