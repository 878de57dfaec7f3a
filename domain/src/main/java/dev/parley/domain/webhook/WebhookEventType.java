package dev.parley.domain.webhook;

import java.util.Optional;

/** The event types a webhook can subscribe to, each with its name on the wire. */
public enum WebhookEventType {
  MESSAGE_CREATED("message.created"),
  MESSAGE_EDITED("message.edited"),
  MESSAGE_DELETED("message.deleted"),
  MEMBER_JOINED("member.joined"),
  MEMBER_LEFT("member.left"),
  REACTION_CHANGED("reaction.changed");

  private final String wire;

  WebhookEventType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The type with this wire name, if any. */
  public static Optional<WebhookEventType> ofWire(String name) {
    for (WebhookEventType type : values()) {
      if (type.wire.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
