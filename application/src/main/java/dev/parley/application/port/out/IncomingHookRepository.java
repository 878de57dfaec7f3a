package dev.parley.application.port.out;

import dev.parley.domain.webhook.IncomingHook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores incoming webhooks with the SHA-256 of their secret. A revoked webhook is kept (its
 * messages still name it) but is found by none of the look-ups.
 */
public interface IncomingHookRepository {

  /** What is needed to store a webhook; the id comes from the store. */
  record NewHook(
      long channelId,
      long posterId,
      String name,
      String secretHash,
      long createdBy,
      Instant createdAt) {}

  /** A webhook that is not revoked, with the hash its secret must match. */
  record ActiveHook(IncomingHook hook, String secretHash) {}

  IncomingHook create(NewHook hook);

  /** The webhook unless it is unknown or revoked. */
  Optional<ActiveHook> findActive(long id);

  /** The channel's webhooks that are not revoked, oldest first. */
  List<IncomingHook> activeInChannel(long channelId);

  /** Revokes the webhook; false when it was unknown or revoked already. */
  boolean revoke(long id, Instant at);

  /** Replaces the hash of an active webhook's secret; false when it is unknown or revoked. */
  boolean replaceSecret(long id, String secretHash);
}
