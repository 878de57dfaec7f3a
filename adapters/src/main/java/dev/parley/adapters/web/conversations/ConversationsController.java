package dev.parley.adapters.web.conversations;

import dev.parley.adapters.web.conversations.ConversationDtos.ConversationDto;
import dev.parley.adapters.web.conversations.ConversationDtos.CreateRequest;
import dev.parley.adapters.web.conversations.ConversationDtos.MessageDto;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.adapters.web.support.Ids;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateConversationUseCase;
import dev.parley.application.port.in.GetConversationUseCase;
import dev.parley.application.port.in.ListConversationsUseCase;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.NotFound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Seed 002's REST surface: conversations and their history under {@code /api/chat}. */
@Controller("/api/chat/conversations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Conversations (seed 002)")
public class ConversationsController {
  private final CreateConversationUseCase create;
  private final ListConversationsUseCase list;
  private final ReadHistoryUseCase history;

  ConversationsController(
      CreateConversationUseCase create, ListConversationsUseCase list, ReadHistoryUseCase history) {
    this.create = create;
    this.list = list;
    this.history = history;
  }

  /** Starts a conversation; the caller always takes part. */
  @Post
  @Status(HttpStatus.CREATED)
  public ConversationDto create(Authentication auth, @Body @Nullable CreateRequest body) {
    CreateRequest b = Bodies.require(body);
    List<Long> participants = Ids.list(b.participantIds(), "participant_ids");
    return ConversationDto.from(
        create.create(
            new CreateConversationCommand(
                Caller.id(auth),
                b.name(),
                b.description(),
                b.isGroup() == null || b.isGroup(),
                participants)));
  }

  /** The caller's conversations, newest first. */
  @Get
  public List<ConversationDto> list(Authentication auth) {
    return list.list(Caller.id(auth)).stream().map(ConversationDto::from).toList();
  }

  /**
   * The conversation's messages, oldest first: the newest {@code limit} (default 50, at most 100),
   * skipping {@code offset}, or the page {@code before} a message id.
   */
  @Get("/{conversationId}/messages")
  @ExecuteOn(HistoryReads.EXECUTOR)
  public List<MessageDto> messages(
      Authentication auth,
      @PathVariable String conversationId,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable Integer offset,
      @QueryValue @Nullable Long before) {
    long userId = Caller.id(auth);
    long id = conversationId(conversationId);
    return history
        .read(
            ReadHistoryQuery.page(
                userId,
                id,
                ChannelExpectation.CONVERSATION,
                limit,
                new Cursor(offset, before, null, null)))
        .stream()
        .filter(p -> !p.message().isDeleted())
        .map(MessageDto::from)
        .toList();
  }

  /** Ids travel as strings here; one that is not a number names no conversation of the caller. */
  static long conversationId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFound(GetConversationUseCase.NOT_A_MEMBER);
    }
  }
}
