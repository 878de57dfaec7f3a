package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.chat.ChatDtos.SendMessageRequest;
import dev.parley.adapters.web.chat.CommunityDtos.ConversationDto;
import dev.parley.adapters.web.chat.CommunityDtos.ConversationRequest;
import dev.parley.adapters.web.chat.CommunityDtos.PresenceDto;
import dev.parley.adapters.web.chat.CommunityDtos.ReadRequest;
import dev.parley.adapters.web.chat.CommunityDtos.ReadStateDto;
import dev.parley.adapters.web.chat.CommunityDtos.StatusRequest;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.adapters.web.support.Ids;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateConversationUseCase;
import dev.parley.application.port.in.ListConversationsUseCase;
import dev.parley.application.port.in.PresenceUseCase;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.in.ReadStateUseCase;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.error.InvalidInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The caller's own things: read state, presence, and their DMs and group conversations. */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Read state, presence and conversations")
public class MeController {
  private static final int MAX_PRESENCE_IDS = 500;

  private final ReadStateUseCase readStates;
  private final PresenceUseCase presence;
  private final CreateConversationUseCase createConversation;
  private final ListConversationsUseCase listConversations;
  private final ReadHistoryUseCase history;
  private final SendMessageUseCase sendMessage;

  MeController(
      ReadStateUseCase readStates,
      PresenceUseCase presence,
      CreateConversationUseCase createConversation,
      ListConversationsUseCase listConversations,
      ReadHistoryUseCase history,
      SendMessageUseCase sendMessage) {
    this.readStates = readStates;
    this.presence = presence;
    this.createConversation = createConversation;
    this.listConversations = listConversations;
    this.history = history;
    this.sendMessage = sendMessage;
  }

  private static ReadStateDto dto(ChannelState s) {
    return new ReadStateDto(
        s.channelId(), s.serverId(), s.lastSeq(), s.lastReadSeq(), s.unread(), s.mentions());
  }

  /** Unread and mention counts of every channel and conversation the caller can see. */
  @Get("/read-state")
  public List<ReadStateDto> readState(Authentication auth) {
    return readStates.states(Caller.id(auth)).stream().map(MeController::dto).toList();
  }

  /** Marks a channel read up to {@code seq} (default: all); the position never moves back. */
  @Post("/channels/{channelId}/read")
  public ReadStateDto markRead(
      Authentication auth, @PathVariable long channelId, @Body @Nullable ReadRequest body) {
    long userId = Caller.id(auth);
    readStates.markRead(userId, channelId, body == null ? null : body.seq());
    return dto(readStates.state(userId, channelId));
  }

  /** Sets the caller's status: online, idle, dnd or invisible (shown as offline). */
  @Put("/presence")
  public PresenceDto setStatus(Authentication auth, @Body @Nullable StatusRequest body) {
    long userId = Caller.id(auth);
    return new PresenceDto(userId, presence.setStatus(userId, Bodies.require(body).status()));
  }

  /** The presence of the given users (comma-separated ids, at most 500). */
  @Get("/presence")
  public List<PresenceDto> presence(Authentication auth, @QueryValue("user_ids") String userIds) {
    Caller.id(auth);
    List<Long> ids = new ArrayList<>();
    for (String part : userIds.split(",")) {
      try {
        ids.add(Long.parseLong(part.strip()));
      } catch (NumberFormatException e) {
        throw new InvalidInput("user_ids", "user_ids must be comma-separated integers");
      }
    }
    if (ids.size() > MAX_PRESENCE_IDS) {
      throw new InvalidInput("user_ids", "at most " + MAX_PRESENCE_IDS + " user ids");
    }
    Map<Long, String> statuses = presence.statuses(ids);
    return ids.stream()
        .map(id -> new PresenceDto(id, statuses.getOrDefault(id, "offline")))
        .toList();
  }

  /** The caller's DMs and group conversations, newest first. */
  @Get("/conversations")
  public List<ConversationDto> conversations(Authentication auth) {
    return listConversations.list(Caller.id(auth)).stream().map(ConversationDto::from).toList();
  }

  /** Starts a DM (one other participant; reused if it exists) or a group conversation. */
  @Post("/conversations")
  @Status(HttpStatus.CREATED)
  public ConversationDto createConversation(
      Authentication auth, @Body @Nullable ConversationRequest body) {
    ConversationRequest b = Bodies.require(body);
    List<Long> participants = Ids.list(b.participantIds(), "participant_ids");
    boolean group = b.isGroup() != null ? b.isGroup() : participants.size() > 1;
    return ConversationDto.from(
        createConversation.create(
            new CreateConversationCommand(
                Caller.id(auth), b.name(), b.description(), group, participants)));
  }

  /** A page of a conversation's history, oldest first (same parameters as channel history). */
  @Get("/conversations/{conversationId}/messages")
  @ExecuteOn(HistoryReads.EXECUTOR)
  public List<MessageDto> conversationMessages(
      Authentication auth,
      @PathVariable long conversationId,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable Integer offset,
      @QueryValue @Nullable Long before,
      @QueryValue @Nullable Long after,
      @QueryValue("after_seq") @Nullable Long afterSeq) {
    return ChatDtos.historyPage(
        history,
        Caller.id(auth),
        conversationId,
        ChannelExpectation.CONVERSATION,
        limit,
        new Cursor(offset, before, after, afterSeq));
  }

  /**
   * Posts to a conversation, maybe with {@code attachment_ids}; a repeated nonce returns the first
   * message with 200.
   */
  @Post("/conversations/{conversationId}/messages")
  public HttpResponse<MessageDto> sendToConversation(
      Authentication auth,
      @PathVariable long conversationId,
      @Header("Idempotency-Key") @Nullable String idempotencyKey,
      @Body @Nullable SendMessageRequest body) {
    long userId = Caller.id(auth);
    return SendMessageRequest.answer(
        sendMessage.send(
            Bodies.require(body)
                .toCommand(
                    userId, conversationId, ChannelExpectation.CONVERSATION, idempotencyKey)));
  }
}
