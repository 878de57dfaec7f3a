package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.DeleteMessageUseCase;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.EditMessageUseCase;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ReactUseCase;
import dev.parley.domain.message.MessageText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Editing, deleting and reacting to messages, by message id (any channel the caller sees). */
@Controller("/chat/messages")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Servers, channels and messages")
public class MessageActionsController {
  private final EditMessageUseCase edit;
  private final DeleteMessageUseCase delete;
  private final ReactUseCase react;

  MessageActionsController(
      EditMessageUseCase edit, DeleteMessageUseCase delete, ReactUseCase react) {
    this.edit = edit;
    this.delete = delete;
    this.react = react;
  }

  /** Body of an edit; {@code content} is accepted as an alias of {@code text}. */
  @Serdeable
  public record EditRequest(String text, String content) {}

  /** Changes the text of one of the caller's messages. */
  @Patch("/{messageId}")
  public MessageDto edit(
      Authentication auth, @PathVariable long messageId, @Body @Nullable EditRequest body) {
    EditRequest b = Bodies.require(body);
    return MessageDto.from(
        edit.edit(
            EditMessageCommand.of(
                Caller.id(auth),
                messageId,
                new MessageText(b.text() != null ? b.text() : b.content()))));
  }

  /** Deletes a message (its author, or a moderator or admin of its server). */
  @Delete("/{messageId}")
  @Status(HttpStatus.NO_CONTENT)
  public void delete(Authentication auth, @PathVariable long messageId) {
    delete.delete(Caller.id(auth), messageId);
  }

  /** Adds the caller's reaction with {@code emoji} (URL-encoded); adding twice is a no-op. */
  @Put("/{messageId}/reactions/{emoji}")
  @Status(HttpStatus.NO_CONTENT)
  public void addReaction(
      Authentication auth, @PathVariable long messageId, @PathVariable String emoji) {
    react.react(ReactCommand.of(Caller.id(auth), messageId, emoji, ReactCommand.Mode.ADD));
  }

  /** Removes the caller's reaction with {@code emoji}. */
  @Delete("/{messageId}/reactions/{emoji}")
  @Status(HttpStatus.NO_CONTENT)
  public void removeReaction(
      Authentication auth, @PathVariable long messageId, @PathVariable String emoji) {
    react.react(ReactCommand.of(Caller.id(auth), messageId, emoji, ReactCommand.Mode.REMOVE));
  }
}
