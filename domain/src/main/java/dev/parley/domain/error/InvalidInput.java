package dev.parley.domain.error;

/** A value broke a validation rule (length, charset, range); the message names the field. */
public final class InvalidInput extends DomainError {
  private final String field;

  public InvalidInput(String field, String message) {
    super(Kind.INVALID_INPUT, message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
