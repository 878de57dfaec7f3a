package dev.parley.domain.user;

import dev.parley.domain.error.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/** A login name: 3–32 letters, digits, '_', '.', '-'; unique ignoring case. */
public record Username(String value) {
  public static final int MIN = 3;
  public static final int MAX = 32;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.\\-]+");

  public Username {
    if (value == null || value.isBlank()) {
      throw new InvalidInput("username", "username is required");
    }
    value = value.strip();
    if (value.length() < MIN || value.length() > MAX) {
      throw new InvalidInput(
          "username", "username must be " + MIN + " to " + MAX + " characters long");
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw new InvalidInput(
          "username", "username may contain only letters, digits, '_', '.' and '-'");
    }
  }

  /** The case-folded form that uniqueness and look-ups use. */
  public String key() {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
