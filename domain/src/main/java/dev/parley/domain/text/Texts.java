package dev.parley.domain.text;

import dev.parley.domain.error.InvalidInput;

/** Shared checks for user-supplied text. */
public final class Texts {
  private Texts() {}

  /** A required single-line name: trimmed, 1..max characters, no control characters. */
  public static String name(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new InvalidInput(field, field + " is required");
    }
    String trimmed = value.strip();
    if (trimmed.length() > max) {
      throw new InvalidInput(field, field + " must be at most " + max + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInput(field, field + " must not contain control characters");
    }
    return trimmed;
  }

  /** Optional free text: null when blank, else at most max characters and no NUL. */
  public static String optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      throw new InvalidInput(field, field + " must be at most " + max + " characters");
    }
    if (value.indexOf('\0') >= 0) {
      throw new InvalidInput(field, field + " must not contain NUL characters");
    }
    return value.strip();
  }
}
