package dev.parley.domain.server;

import dev.parley.domain.text.Texts;
import java.time.Instant;

/**
 * A guild: named, owned, with members and channels. The one public server holds seed 004's rooms:
 * everyone joins it on sign-up and any member may add a text channel (room) to it.
 */
public record Server(
    long id,
    String name,
    String description,
    String icon,
    Long ownerId,
    boolean isPublic,
    Instant createdAt) {

  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 1000;
  public static final int MAX_ICON = 512;

  public static String validName(String name) {
    return Texts.name("name", name, MAX_NAME);
  }

  public static String validDescription(String description) {
    return Texts.optional("description", description, MAX_DESCRIPTION);
  }

  public static String validIcon(String icon) {
    return Texts.optional("icon", icon, MAX_ICON);
  }

  public boolean isOwnedBy(long userId) {
    return ownerId != null && ownerId == userId;
  }
}
