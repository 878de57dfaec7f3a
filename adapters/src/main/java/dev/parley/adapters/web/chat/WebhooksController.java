package dev.parley.adapters.web.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.WebhooksUseCase;
import dev.parley.application.port.in.WebhooksUseCase.CreateWebhookCommand;
import dev.parley.application.port.in.WebhooksUseCase.UpdateWebhookCommand;
import dev.parley.application.port.in.WebhooksUseCase.WebhookWithSecret;
import dev.parley.domain.webhook.Webhook;
import dev.parley.domain.webhook.WebhookDelivery;
import dev.parley.domain.webhook.WebhookEventType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Outgoing event webhooks of a server, for its admins: each subscribed event is POSTed, signed, to
 * the URL (see protocol.md, Webhooks). The secret is shown on creation and rotation only.
 */
@Controller("/chat/servers/{serverId}/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Webhooks")
public class WebhooksController {
  private static final int DEFAULT_PAGE = 50;

  private final WebhooksUseCase webhooks;

  WebhooksController(WebhooksUseCase webhooks) {
    this.webhooks = webhooks;
  }

  /** Body of a new webhook: the target and the event types it wants. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record WebhookRequest(String url, List<String> events) {}

  /** Body of a webhook change; absent fields stay as they are; active=true re-enables it. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record WebhookPatch(String url, List<String> events, Boolean active) {}

  /** A webhook; {@code secret} only in the answers of creation and rotation. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record WebhookDto(
      long id,
      long serverId,
      String url,
      List<String> events,
      boolean active,
      @Nullable String disabledReason,
      int consecutiveFailures,
      String createdAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret) {
    static WebhookDto from(Webhook w, String secret) {
      return new WebhookDto(
          w.id(),
          w.serverId(),
          w.url(),
          w.events().stream().sorted().map(WebhookEventType::wire).toList(),
          w.active(),
          w.disabledReason(),
          w.consecutiveFailures(),
          ChatDtos.time(w.createdAt()),
          secret);
    }
  }

  /** One delivery attempt. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record DeliveryDto(
      long id,
      long eventId,
      String eventType,
      int attempt,
      @Nullable Integer statusCode,
      @Nullable String error,
      long durationMs,
      boolean succeeded,
      String at) {
    static DeliveryDto from(WebhookDelivery d) {
      return new DeliveryDto(
          d.id(),
          d.eventId(),
          d.eventType(),
          d.attempt(),
          d.statusCode(),
          d.error(),
          d.durationMillis(),
          d.succeeded(),
          ChatDtos.time(d.at()));
    }
  }

  /** Subscribes a URL to event types (ADMIN); the answer carries the signing secret, once. */
  @Post
  @ApiResponse(responseCode = "201", description = "Created; the secret is shown only now")
  @ApiResponse(
      responseCode = "400",
      description = "Unknown event type, bad URL, or a target the SSRF rule refuses")
  @ApiResponse(responseCode = "403", description = "A member who is not an admin")
  @ApiResponse(responseCode = "404", description = "No such server, or the caller is not in it")
  public HttpResponse<WebhookDto> create(
      Authentication auth, @PathVariable long serverId, @Body @Nullable WebhookRequest body) {
    WebhookRequest b = Bodies.require(body);
    WebhookWithSecret created =
        webhooks.create(new CreateWebhookCommand(Caller.id(auth), serverId, b.url(), b.events()));
    return HttpResponse.created(WebhookDto.from(created.webhook(), created.secret()));
  }

  /** The server's webhooks, without their secrets (ADMIN). */
  @Get
  public List<WebhookDto> list(Authentication auth, @PathVariable long serverId) {
    return webhooks.list(Caller.id(auth), serverId).stream()
        .map(w -> WebhookDto.from(w, null))
        .toList();
  }

  /** Changes a webhook's URL, events or state (ADMIN); active=true re-enables a disabled one. */
  @Patch("/{webhookId}")
  public WebhookDto update(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long webhookId,
      @Body @Nullable WebhookPatch body) {
    WebhookPatch b = Bodies.require(body);
    return WebhookDto.from(
        webhooks.update(
            new UpdateWebhookCommand(
                Caller.id(auth), serverId, webhookId, b.url(), b.events(), b.active())),
        null);
  }

  /** Removes a webhook with its pending events and its log (ADMIN). */
  @Delete("/{webhookId}")
  @Status(HttpStatus.NO_CONTENT)
  public void delete(
      Authentication auth, @PathVariable long serverId, @PathVariable long webhookId) {
    webhooks.delete(Caller.id(auth), serverId, webhookId);
  }

  /** A new signing secret, shown once; the old one stops signing at once (ADMIN). */
  @Post("/{webhookId}/secret")
  @Status(HttpStatus.OK)
  public WebhookDto rotateSecret(
      Authentication auth, @PathVariable long serverId, @PathVariable long webhookId) {
    WebhookWithSecret rotated = webhooks.rotateSecret(Caller.id(auth), serverId, webhookId);
    return WebhookDto.from(rotated.webhook(), rotated.secret());
  }

  /** The delivery log, newest first; {@code before} pages back by attempt id (ADMIN). */
  @Get("/{webhookId}/deliveries")
  public List<DeliveryDto> deliveries(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long webhookId,
      @QueryValue @Nullable Long before,
      @QueryValue @Nullable Integer limit) {
    return webhooks
        .deliveries(
            Caller.id(auth),
            serverId,
            webhookId,
            before == null ? 0 : before,
            limit == null ? DEFAULT_PAGE : limit)
        .stream()
        .map(DeliveryDto::from)
        .toList();
  }
}
