package dev.parley.application.service;

import dev.parley.application.port.in.WebhooksUseCase;
import dev.parley.application.port.out.WebhookSender;
import dev.parley.application.port.out.WebhookStore;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.server.Permission;
import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Webhook subscriptions, managed by a server's admins only. */
public final class WebhookService implements WebhooksUseCase {
  private static final int MAX_URL_LENGTH = 2048;
  private static final int MAX_PAGE = 100;

  private final WebhookStore store;
  private final WebhookSender sender;
  private final AccessGuard guard;
  private final Clock clock;
  private final int maxPerServer;
  private final SecureRandom random = new SecureRandom();

  public WebhookService(
      WebhookStore store, WebhookSender sender, AccessGuard guard, Clock clock, int maxPerServer) {
    this.store = store;
    this.sender = sender;
    this.guard = guard;
    this.clock = clock;
    this.maxPerServer = maxPerServer;
  }

  @Override
  public WebhookWithSecret create(CreateWebhookCommand command) {
    requireAdmin(command.actorId(), command.serverId());
    String url = checkedUrl(command.url());
    Set<WebhookEventType> events = eventTypes(command.events());
    if (store.listByServer(command.serverId()).size() >= maxPerServer) {
      throw new InvalidInput(
          "url", "A server has at most " + maxPerServer + " webhooks; delete one first");
    }
    String secret = newSecret();
    Webhook created = store.create(command.serverId(), url, events, secret, clock.instant());
    return new WebhookWithSecret(created, secret);
  }

  @Override
  public List<Webhook> list(long actorId, long serverId) {
    requireAdmin(actorId, serverId);
    return store.listByServer(serverId);
  }

  @Override
  public Webhook update(UpdateWebhookCommand command) {
    Webhook current = require(command.actorId(), command.serverId(), command.webhookId());
    String url = command.url() == null ? current.url() : checkedUrl(command.url());
    Set<WebhookEventType> events =
        command.events() == null ? current.events() : eventTypes(command.events());
    boolean active = command.active() == null ? current.active() : command.active();
    boolean reenabled = active && !current.active();
    Webhook changed =
        new Webhook(
            current.id(),
            current.serverId(),
            url,
            events,
            active,
            active ? null : current.disabledReason(),
            reenabled ? 0 : current.consecutiveFailures(),
            current.createdAt());
    store.save(changed);
    return changed;
  }

  @Override
  public void delete(long actorId, long serverId, long webhookId) {
    require(actorId, serverId, webhookId);
    store.delete(webhookId);
  }

  @Override
  public WebhookWithSecret rotateSecret(long actorId, long serverId, long webhookId) {
    Webhook webhook = require(actorId, serverId, webhookId);
    String secret = newSecret();
    store.changeSecret(webhookId, secret);
    return new WebhookWithSecret(webhook, secret);
  }

  @Override
  public List<WebhookDelivery> deliveries(
      long actorId, long serverId, long webhookId, long beforeId, int limit) {
    require(actorId, serverId, webhookId);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInput("limit", "limit must be between 1 and " + MAX_PAGE);
    }
    return store.deliveries(webhookId, Math.max(0, beforeId), limit);
  }

  private void requireAdmin(long actorId, long serverId) {
    guard.requirePermission(
        actorId, serverId, Permission.EDIT_SERVER, "Only admins can manage webhooks");
  }

  private Webhook require(long actorId, long serverId, long webhookId) {
    requireAdmin(actorId, serverId);
    return store
        .find(webhookId)
        .filter(w -> w.serverId() == serverId)
        .orElseThrow(() -> new NotFound("Webhook not found"));
  }

  private String checkedUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidInput("url", "url is required");
    }
    String trimmed = url.strip();
    if (trimmed.length() > MAX_URL_LENGTH) {
      throw new InvalidInput("url", "url must be at most " + MAX_URL_LENGTH + " characters");
    }
    try {
      URI uri = new URI(trimmed);
      if (uri.getHost() == null || uri.getScheme() == null) {
        throw new InvalidInput("url", "url must be an absolute http or https URL");
      }
      if (uri.getUserInfo() != null) {
        throw new InvalidInput("url", "url must not carry credentials");
      }
    } catch (URISyntaxException e) {
      throw new InvalidInput("url", "url is not a valid URL");
    }
    sender
        .refusal(trimmed)
        .ifPresent(
            reason -> {
              throw new InvalidInput("url", "url is not an allowed target: " + reason);
            });
    return trimmed;
  }

  private static Set<WebhookEventType> eventTypes(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new InvalidInput("events", "events must name at least one event type");
    }
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    for (String name : names) {
      types.add(
          WebhookEventType.ofWire(name == null ? "" : name)
              .orElseThrow(
                  () ->
                      new InvalidInput(
                          "events", "events contains an unknown event type: " + name)));
    }
    return types;
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
