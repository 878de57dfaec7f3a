package dev.parley.domain.user;

import dev.parley.domain.error.InvalidInput;

/** A password as typed; bounds are checked before any hashing so huge inputs cost nothing. */
public final class RawPassword {
  public static final int MIN = 8;
  public static final int MAX = 128;
  private final String value;

  private RawPassword(String value) {
    this.value = value;
  }

  /** A new password, which must meet the length rules. */
  public static RawPassword forRegistration(String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInput("password", "password is required");
    }
    if (value.length() < MIN || value.length() > MAX) {
      throw new InvalidInput(
          "password", "password must be " + MIN + " to " + MAX + " characters long");
    }
    return new RawPassword(value);
  }

  /**
   * A password offered at login: only the upper bound applies, so old accounts can still log in.
   */
  public static RawPassword forLogin(String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInput("password", "password is required");
    }
    if (value.length() > MAX) {
      throw new InvalidInput("password", "password must be at most " + MAX + " characters long");
    }
    return new RawPassword(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "RawPassword[****]";
  }
}
