package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.chat.ChatDtos.SendMessageRequest;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.IncomingHooksUseCase;
import dev.parley.application.port.in.IncomingHooksUseCase.HookPost;
import dev.parley.application.port.in.IncomingHooksUseCase.HookWithSecret;
import dev.parley.domain.webhook.IncomingHook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
 * Incoming webhooks: the admins of a server manage those of its text channels under {@code
 * /chat/channels/{channelId}/webhooks}; anyone holding a webhook's URL posts to it, without an
 * account, at {@code POST /chat/webhooks/{id}/{secret}} (the secret in the path is masked in the
 * access log, see {@code LoggedPath}).
 */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Incoming webhooks")
public class IncomingHooksController {
  private final IncomingHooksUseCase hooks;

  IncomingHooksController(IncomingHooksUseCase hooks) {
    this.hooks = hooks;
  }

  /** Body of a new webhook: the name its posts show unless they name themselves. */
  @Serdeable
  public record NewHook(String name) {}

  /**
   * Body of a post; {@code content} is accepted as an alias of {@code text} (as on the native
   * send), {@code username} replaces the webhook's name on this message, {@code nonce} makes a
   * retry return the first message.
   */
  @Serdeable
  public record HookPostRequest(String text, String content, String username, String nonce) {}

  /**
   * A webhook; {@code url} (the path to post to) and {@code secret} only in the answers of creation
   * and rotation, the only times the secret is shown.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record HookDto(
      long id,
      long channelId,
      String name,
      long createdBy,
      String createdAt,
      @Nullable String url,
      @Nullable String secret) {
    static HookDto from(IncomingHook hook) {
      return new HookDto(
          hook.id(),
          hook.channelId(),
          hook.name(),
          hook.createdBy(),
          ChatDtos.time(hook.createdAt()),
          null,
          null);
    }

    static HookDto from(HookWithSecret made) {
      IncomingHook hook = made.hook();
      return new HookDto(
          hook.id(),
          hook.channelId(),
          hook.name(),
          hook.createdBy(),
          ChatDtos.time(hook.createdAt()),
          "/chat/webhooks/" + hook.id() + "/" + made.secret(),
          made.secret());
    }
  }

  /** Creates a webhook for the channel; answers its secret and URL, shown only now. */
  @Post("/channels/{channelId}/webhooks")
  @Status(HttpStatus.CREATED)
  @ApiResponse(responseCode = "201", description = "The webhook, with its URL and secret")
  @ApiResponse(responseCode = "400", description = "No name, or not a text channel of a server")
  @ApiResponse(responseCode = "403", description = "Not an admin of the channel's server")
  @ApiResponse(responseCode = "404", description = "No such channel, or not visible")
  @ApiResponse(responseCode = "409", description = "The channel has 10 webhooks already")
  public HookDto create(
      Authentication auth, @PathVariable long channelId, @Body @Nullable NewHook body) {
    NewHook b = Bodies.require(body);
    return HookDto.from(hooks.create(Caller.id(auth), channelId, b.name()));
  }

  /** The channel's active webhooks (never their secrets). */
  @Get("/channels/{channelId}/webhooks")
  @ApiResponse(responseCode = "403", description = "Not an admin of the channel's server")
  public List<HookDto> list(Authentication auth, @PathVariable long channelId) {
    return hooks.list(Caller.id(auth), channelId).stream().map(HookDto::from).toList();
  }

  /** Revokes the webhook: posting to it answers 404 from now on. */
  @Delete("/channels/{channelId}/webhooks/{hookId}")
  @Status(HttpStatus.NO_CONTENT)
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "404", description = "No such active webhook in this channel")
  public void revoke(Authentication auth, @PathVariable long channelId, @PathVariable long hookId) {
    hooks.revoke(Caller.id(auth), channelId, hookId);
  }

  /** A new secret (and URL) for the webhook; the old one stops working at once. */
  @Post("/channels/{channelId}/webhooks/{hookId}/secret")
  @ApiResponse(responseCode = "200", description = "The webhook, with its new URL and secret")
  public HookDto rotate(
      Authentication auth, @PathVariable long channelId, @PathVariable long hookId) {
    return HookDto.from(hooks.rotateSecret(Caller.id(auth), channelId, hookId));
  }

  /**
   * Posts a message to the webhook's channel, marked as the webhook's, without an account: the
   * secret in the path is the credential. A repeated {@code nonce} (or {@code Idempotency-Key})
   * returns the first message with 200.
   */
  @Post("/webhooks/{hookId}/{secret}")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @ApiResponse(responseCode = "201", description = "The message (native shape)")
  @ApiResponse(responseCode = "200", description = "A retried nonce: the first message")
  @ApiResponse(responseCode = "400", description = "The text or username breaks a rule")
  @ApiResponse(responseCode = "404", description = "Unknown or revoked webhook, or wrong secret")
  @ApiResponse(responseCode = "429", description = "Too many posts to this webhook")
  public HttpResponse<MessageDto> post(
      @PathVariable long hookId,
      @PathVariable String secret,
      @Header("Idempotency-Key") @Nullable String idempotencyKey,
      @Body @Nullable HookPostRequest body) {
    // A missing body is refused after the secret is checked, as every other mistake is.
    HookPost post =
        body == null
            ? null
            : new HookPost(
                body.text() != null ? body.text() : body.content(),
                body.username(),
                body.nonce() != null ? body.nonce() : idempotencyKey);
    return SendMessageRequest.answer(hooks.post(hookId, secret, post));
  }
}
