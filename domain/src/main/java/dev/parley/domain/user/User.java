package dev.parley.domain.user;

import java.time.Instant;

/** A registered account. The password hash never leaves the application layer. */
public record User(
    long id,
    Username username,
    Email email,
    String displayName,
    String passwordHash,
    Instant createdAt,
    boolean active) {

  /** The name to show: the display name when set, else the username. */
  public String shownName() {
    return displayName == null || displayName.isBlank() ? username.value() : displayName;
  }
}
