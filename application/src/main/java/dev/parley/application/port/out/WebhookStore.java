package dev.parley.application.port.out;

import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions and their delivery log, shared by every node; what is still to be sent is
 * in the {@link WebhookOutbox}.
 */
public interface WebhookStore {

  Webhook create(
      long serverId, String url, Set<WebhookEventType> events, String secret, Instant at);

  Optional<Webhook> find(long webhookId);

  List<Webhook> listByServer(long serverId);

  /** Stores url, events, active, disabledReason and consecutiveFailures as given. */
  void save(Webhook webhook);

  void changeSecret(long webhookId, String secret);

  /** Removes the subscription with its outbox rows and log. */
  void delete(long webhookId);

  /** Removes the delivery log's entries older than {@code cutoff}; returns how many. */
  int forgetDeliveriesBefore(Instant cutoff);

  /** The log of a webhook, newest first, with ids below {@code beforeId} (0: no bound). */
  List<WebhookDelivery> deliveries(long webhookId, long beforeId, int limit);

  void recordAttempt(
      long webhookId,
      long eventId,
      String eventType,
      int attempt,
      Integer statusCode,
      String error,
      long durationMillis,
      Instant at);

  /** Counts a failed attempt of the webhook and returns its consecutive failures. */
  int countFailure(long webhookId);

  void resetFailures(long webhookId);

  void disable(long webhookId, String reason);
}
