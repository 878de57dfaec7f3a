package dev.parley.domain.webhook;

import java.time.Instant;
import java.util.Set;

/**
 * A server's subscription of a URL to event types; {@code disabledReason} says why it stopped when
 * it was disabled automatically.
 */
public record Webhook(
    long id,
    long serverId,
    String url,
    Set<WebhookEventType> events,
    boolean active,
    String disabledReason,
    int consecutiveFailures,
    Instant createdAt) {

  public Webhook {
    events = Set.copyOf(events);
  }

  public boolean wants(WebhookEventType type) {
    return events.contains(type);
  }
}
