package dev.parley.domain.channel;

import dev.parley.domain.text.Texts;
import java.time.Instant;

/**
 * Where messages go: a TEXT or VOICE channel of a server (ordered by position, optionally in a
 * category), or a DM / GROUP conversation with participants and no server. {@code lastSeq} is the
 * sequence number of the newest message, {@code lastPos} the position of the newest change.
 */
public record Channel(
    long id,
    Long serverId,
    ChannelKind kind,
    String name,
    String description,
    String category,
    int position,
    long lastSeq,
    long lastPos,
    Long createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 1000;
  public static final int MAX_CATEGORY = 100;

  public static String validName(String name) {
    return Texts.name("name", name, MAX_NAME);
  }

  public static String validDescription(String description) {
    return Texts.optional("description", description, MAX_DESCRIPTION);
  }

  public static String validCategory(String category) {
    return category == null || category.isBlank()
        ? null
        : Texts.name("category", category, MAX_CATEGORY);
  }

  /** The same channel with other newest-message and newest-change positions. */
  public Channel atPositions(long lastSeq, long lastPos) {
    return new Channel(
        id,
        serverId,
        kind,
        name,
        description,
        category,
        position,
        lastSeq,
        lastPos,
        createdBy,
        createdAt,
        updatedAt);
  }

  public boolean isConversation() {
    return kind.isConversation();
  }

  /** Whether participants, not a server's members, see it: a conversation or a thread of one. */
  public boolean isServerless() {
    return serverId == null;
  }

  public boolean belongsTo(long serverId) {
    return this.serverId != null && this.serverId == serverId;
  }
}
