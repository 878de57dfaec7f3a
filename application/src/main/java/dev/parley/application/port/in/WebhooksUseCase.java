package dev.parley.application.port.in;

import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import java.util.List;

/** A server's admins subscribe URLs to its events, change and remove them, and read their log. */
public interface WebhooksUseCase {

  /** A new subscription of {@code url} to the event types named on the wire. */
  record CreateWebhookCommand(long actorId, long serverId, String url, List<String> events) {}

  /** Changes to a subscription; a null field is left as it is. */
  record UpdateWebhookCommand(
      long actorId,
      long serverId,
      long webhookId,
      String url,
      List<String> events,
      Boolean active) {}

  /** A subscription with its signing secret, shown only on creation and rotation. */
  record WebhookWithSecret(Webhook webhook, String secret) {}

  WebhookWithSecret create(CreateWebhookCommand command);

  List<Webhook> list(long actorId, long serverId);

  Webhook update(UpdateWebhookCommand command);

  void delete(long actorId, long serverId, long webhookId);

  /** A new secret; the old one stops signing at once. */
  WebhookWithSecret rotateSecret(long actorId, long serverId, long webhookId);

  /** The delivery log, newest first, before the attempt {@code beforeId} (0: from the newest). */
  List<WebhookDelivery> deliveries(
      long actorId, long serverId, long webhookId, long beforeId, int limit);
}
