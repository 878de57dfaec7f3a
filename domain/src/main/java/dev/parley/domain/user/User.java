package dev.parley.domain.user;

import java.time.Instant;

/**
 * A registered account, or a bot account ({@code bot}: created by a server's admin, signed in by
 * its token only). The password hash never leaves the application layer.
 */
public record User(
    long id,
    Username username,
    Email email,
    String displayName,
    String passwordHash,
    Instant createdAt,
    boolean active,
    boolean bot) {

  /** A person's account. */
  public User(
      long id,
      Username username,
      Email email,
      String displayName,
      String passwordHash,
      Instant createdAt,
      boolean active) {
    this(id, username, email, displayName, passwordHash, createdAt, active, false);
  }

  /** The name to show: the display name when set, else the username. */
  public String shownName() {
    return displayName == null || displayName.isBlank() ? username.value() : displayName;
  }
}
