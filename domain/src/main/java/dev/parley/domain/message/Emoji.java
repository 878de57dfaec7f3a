package dev.parley.domain.message;

import dev.parley.domain.error.InvalidInput;

/** A reaction: an emoji or a short code such as {@code :thumbsup:}, 1–32 characters, no spaces. */
public final class Emoji {
  public static final int MAX = 32;

  private Emoji() {}

  public static String valid(String emoji) {
    if (emoji == null || emoji.isBlank()) {
      throw new InvalidInput("emoji", "emoji is required");
    }
    if (emoji.length() > MAX
        || emoji
            .codePoints()
            .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new InvalidInput("emoji", "emoji must be 1 to " + MAX + " characters without spaces");
    }
    return emoji;
  }
}
