package dev.parley.domain.message;

import dev.parley.domain.error.InvalidInput;

/**
 * The body of a message: 1 to 4000 characters, stored verbatim (HTML included; clients render it as
 * text). NUL and other control characters except tab and line breaks are refused.
 */
public record MessageText(String value) {
  public static final int MAX = 4000;

  public MessageText {
    if (value == null || value.isBlank()) {
      throw new InvalidInput("text", "message text must not be empty");
    }
    if (value.length() > MAX) {
      throw new InvalidInput("text", "message text must be at most " + MAX + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw new InvalidInput("text", "message text must not contain control characters");
      }
    }
  }
}
