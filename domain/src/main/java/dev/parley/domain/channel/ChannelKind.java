package dev.parley.domain.channel;

import dev.parley.domain.error.InvalidInput;
import java.util.Locale;

/**
 * TEXT and VOICE channels live in a server; DM and GROUP conversations have participants; a THREAD
 * branches off one message of a text channel or a conversation and is seen by whoever sees it.
 */
public enum ChannelKind {
  TEXT,
  VOICE,
  DM,
  GROUP,
  THREAD;

  public boolean isConversation() {
    return this == DM || this == GROUP;
  }

  /** Whether messages can be posted to channels of this kind. */
  public boolean carriesMessages() {
    return this != VOICE;
  }

  /** Parses a server channel type, TEXT when absent; any case. */
  public static ChannelKind parseServerKind(String value) {
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    return switch (value.strip().toUpperCase(Locale.ROOT)) {
      case "TEXT" -> TEXT;
      case "VOICE" -> VOICE;
      default -> throw new InvalidInput("type", "type must be TEXT or VOICE");
    };
  }
}
