package dev.parley.domain.server;

import dev.parley.domain.error.InvalidInput;
import java.util.Locale;

/** A member's role in a server; what each may do is {@link #allows(Permission)}. */
public enum Role {
  ADMIN,
  MODERATOR,
  MEMBER;

  /** The permission matrix of the product brief. */
  public boolean allows(Permission permission) {
    return switch (permission) {
      case READ, SEND_MESSAGES -> true;
      case DELETE_OTHERS_MESSAGES, KICK_MEMBERS, TIMEOUT_MEMBERS, CREATE_INVITES, PIN_MESSAGES ->
          this != MEMBER;
      case MANAGE_CHANNELS, MANAGE_MEMBERS, MANAGE_ROLES, BAN_MEMBERS, EDIT_SERVER, DELETE_SERVER ->
          this == ADMIN;
    };
  }

  /** Parses a role name in any case. */
  public static Role parse(String value) {
    if (value == null) {
      throw new InvalidInput("role", "role is required");
    }
    try {
      return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("role", "role must be ADMIN, MODERATOR or MEMBER");
    }
  }
}
