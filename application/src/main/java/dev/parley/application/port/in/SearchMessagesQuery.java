package dev.parley.application.port.in;

import dev.parley.domain.error.InvalidInput;

/**
 * Input of {@link SearchMessagesUseCase}: the words to find, optionally narrowed to a server, a
 * channel (of that server, when both are given) or an author, and a page of at most {@code limit}
 * hits with ids below {@code before}.
 */
public record SearchMessagesQuery(
    long userId,
    String text,
    Long serverId,
    Long channelId,
    Long authorId,
    int limit,
    Long before) {

  public static final int DEFAULT_LIMIT = 25;
  public static final int MAX_LIMIT = 100;
  public static final int MAX_TEXT = 200;

  public SearchMessagesQuery {
    if (text == null || text.isBlank()) {
      throw new InvalidInput("q", "q must not be blank");
    }
    text = text.strip();
    if (text.length() > MAX_TEXT) {
      throw new InvalidInput("q", "q must be at most " + MAX_TEXT + " characters");
    }
    // PostgreSQL cannot store or compare text with NUL in it.
    if (text.indexOf('\0') >= 0) {
      throw new InvalidInput("q", "q must not contain NUL characters");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInput("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    if (before != null && before < 1) {
      throw new InvalidInput("before", "before must be a message id");
    }
  }

  /** The first page of hits for {@code text} anywhere the user can see. */
  public static SearchMessagesQuery everywhere(long userId, String text, int limit) {
    return new SearchMessagesQuery(userId, text, null, null, null, limit, null);
  }
}
