package dev.parley.application.port.in;

import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.domain.webhook.IncomingHook;
import java.util.List;

/**
 * Incoming webhooks: the admins of a server create them for its text channels, and whoever holds a
 * webhook's secret posts messages into that channel with it, marked as the webhook's. Secrets are
 * shown once and stored hashed; revoking a webhook ends it for good.
 */
public interface IncomingHooksUseCase {

  /** A webhook with its secret, which is shown only in this answer. */
  record HookWithSecret(IncomingHook hook, String secret) {}

  /**
   * A post's body: the text, the name to show instead of the webhook's ({@code username}, optional)
   * and a {@code nonce} that makes retries return the first message (optional).
   */
  record HookPost(String text, String username, String nonce) {}

  HookWithSecret create(long actorId, long channelId, String name);

  /** The channel's active webhooks (never their secrets). */
  List<IncomingHook> list(long actorId, long channelId);

  /** Revokes the webhook: posting with it answers 404 from now on. */
  void revoke(long actorId, long channelId, long hookId);

  /** A new secret for the webhook; the old one stops working at once. */
  HookWithSecret rotateSecret(long actorId, long channelId, long hookId);

  /**
   * Posts into the webhook's channel. An unknown or revoked webhook and a wrong secret are all the
   * same NotFound, so neither ids nor secrets can be probed.
   */
  SendResult post(long hookId, String secret, HookPost post);
}
