package dev.parley.domain.error;

/** The caller can see the resource but their role does not allow the action. */
public final class PermissionDenied extends DomainError {
  public PermissionDenied(String message) {
    super(Kind.FORBIDDEN, message);
  }
}
