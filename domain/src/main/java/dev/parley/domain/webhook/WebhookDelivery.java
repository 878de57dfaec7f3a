package dev.parley.domain.webhook;

import java.time.Instant;

/**
 * One attempt to deliver an event to a webhook: the HTTP status it got ({@code null} when no answer
 * came) or the error, and how long it took.
 */
public record WebhookDelivery(
    long id,
    long webhookId,
    long eventId,
    String eventType,
    int attempt,
    Integer statusCode,
    String error,
    long durationMillis,
    Instant at) {

  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
