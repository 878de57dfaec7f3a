package dev.parley.domain.webhook;

import dev.parley.domain.text.Texts;
import java.time.Instant;

/**
 * An incoming webhook: a secret URL that posts messages into one text channel of a server, as the
 * bot account {@code posterId} made for it alone, under {@code name} unless a post names itself.
 */
public record IncomingHook(
    long id, long channelId, long posterId, String name, long createdBy, Instant createdAt) {

  /** The longest name a webhook, or one of its posts, may show. */
  public static final int MAX_NAME = 80;

  /**
   * A webhook's name, or the {@code field} a post names itself in: 1 to 80 characters, one line.
   */
  public static String validName(String field, String raw) {
    return Texts.name(field, raw, MAX_NAME);
  }
}
