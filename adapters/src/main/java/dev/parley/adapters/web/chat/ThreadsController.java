package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.chat.ChatDtos.SendMessageRequest;
import dev.parley.adapters.web.chat.ChatDtos.ThreadDto;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.in.ThreadsUseCase;
import dev.parley.application.port.in.ThreadsUseCase.StartedThread;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.FollowedThread;
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
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Threads: start one on a message, read it, list a channel's, follow it. A thread is a channel: its
 * messages are sent, read, searched, marked read and resumed through the channel routes and frames
 * with the thread's {@code id} as the channel id, under the parent channel's access rule.
 */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Threads")
public class ThreadsController {
  private final ThreadsUseCase threads;
  private final ReadHistoryUseCase history;
  private final SendMessageUseCase sendMessage;

  ThreadsController(
      ThreadsUseCase threads, ReadHistoryUseCase history, SendMessageUseCase sendMessage) {
    this.threads = threads;
    this.history = history;
    this.sendMessage = sendMessage;
  }

  /** Body of a new thread: its name, by default the start of the parent message. */
  @Serdeable
  public record NewThread(@Nullable String name) {}

  /** A followed thread with the caller's unread count and mentions in it. */
  @Serdeable
  public record FollowedThreadDto(ThreadDto thread, long unreadCount, long mentionCount) {
    static FollowedThreadDto from(FollowedThread f) {
      return new FollowedThreadDto(
          ThreadDto.from(f.thread(), true), f.unread(), f.unreadMentions());
    }
  }

  /**
   * Starts a thread on a message of a text channel or a conversation (201), or returns the thread
   * it already has (200): a message has one thread.
   */
  @Post("/messages/{messageId}/thread")
  @ApiResponse(responseCode = "201", description = "The thread was started")
  @ApiResponse(responseCode = "200", description = "The message already had this thread")
  @ApiResponse(responseCode = "400", description = "A message of a thread, or a bad name")
  @ApiResponse(responseCode = "403", description = "The caller may not send to the channel")
  @ApiResponse(responseCode = "404", description = "No such message, or not one the caller sees")
  public HttpResponse<ThreadDto> start(
      Authentication auth, @PathVariable long messageId, @Body @Nullable NewThread body) {
    StartedThread started =
        threads.start(Caller.id(auth), messageId, body == null ? null : body.name());
    ThreadDto dto = ThreadDto.from(started.view().thread(), started.view().following());
    return started.created() ? HttpResponse.created(dto) : HttpResponse.ok(dto);
  }

  /** One thread the caller sees, with whether they follow it. */
  @Get("/threads/{threadId}")
  @ApiResponse(responseCode = "404", description = "No such thread, or not one the caller sees")
  public ThreadDto thread(Authentication auth, @PathVariable long threadId) {
    var view = threads.get(Caller.id(auth), threadId);
    return ThreadDto.from(view.thread(), view.following());
  }

  /** The threads of a server channel, most recently active first ({@code limit} ≤ 200). */
  @Get("/servers/{serverId}/channels/{channelId}/threads")
  public List<ThreadDto> channelThreads(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long channelId,
      @QueryValue @Nullable Integer limit) {
    return threads
        .inChannel(Caller.id(auth), channelId, ChannelExpectation.ofServer(serverId), limit)
        .stream()
        .map(v -> ThreadDto.from(v.thread(), v.following()))
        .toList();
  }

  /** The threads of a direct or group conversation, most recently active first. */
  @Get("/conversations/{conversationId}/threads")
  public List<ThreadDto> conversationThreads(
      Authentication auth, @PathVariable long conversationId, @QueryValue @Nullable Integer limit) {
    return threads
        .inChannel(Caller.id(auth), conversationId, ChannelExpectation.CONVERSATION, limit)
        .stream()
        .map(v -> ThreadDto.from(v.thread(), v.following()))
        .toList();
  }

  /**
   * A page of a thread's replies, oldest first, with the parameters of channel history; a server
   * channel's thread is also read at {@code /chat/servers/{sid}/channels/{threadId}/messages}.
   */
  @Get("/threads/{threadId}/messages")
  @ExecuteOn(HistoryReads.EXECUTOR)
  @ApiResponse(responseCode = "404", description = "No such thread, or not one the caller sees")
  public List<MessageDto> messages(
      Authentication auth,
      @PathVariable long threadId,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable Integer offset,
      @QueryValue @Nullable Long before,
      @QueryValue @Nullable Long after,
      @QueryValue("after_seq") @Nullable Long afterSeq) {
    return ChatDtos.historyPage(
        history,
        Caller.id(auth),
        threadId,
        ChannelExpectation.THREAD,
        limit,
        new Cursor(offset, before, after, afterSeq));
  }

  /**
   * Replies in a thread, like sending to a channel (attachments, nonce or {@code Idempotency-Key});
   * the sender follows the thread unless they unfollowed it.
   */
  @Post("/threads/{threadId}/messages")
  @ApiResponse(responseCode = "404", description = "No such thread, or not one the caller sees")
  public HttpResponse<MessageDto> reply(
      Authentication auth,
      @PathVariable long threadId,
      @Header("Idempotency-Key") @Nullable String idempotencyKey,
      @Body @Nullable SendMessageRequest body) {
    return SendMessageRequest.answer(
        sendMessage.send(
            Bodies.require(body)
                .toCommand(Caller.id(auth), threadId, ChannelExpectation.THREAD, idempotencyKey)));
  }

  /** The threads the caller follows, most recently active first, with unread counts. */
  @Get("/threads")
  public List<FollowedThreadDto> followed(
      Authentication auth, @QueryValue @Nullable Integer limit) {
    return threads.followed(Caller.id(auth), limit).stream().map(FollowedThreadDto::from).toList();
  }

  /** Follows a thread (its replies then count in the caller's followed threads). */
  @Put("/threads/{threadId}/follow")
  @Status(HttpStatus.NO_CONTENT)
  @ApiResponse(responseCode = "204", description = "The caller follows the thread")
  @ApiResponse(responseCode = "404", description = "No such thread, or not one the caller sees")
  public void follow(Authentication auth, @PathVariable long threadId) {
    threads.follow(Caller.id(auth), threadId, true);
  }

  /** Stops following a thread; replying later does not follow it again. */
  @Delete("/threads/{threadId}/follow")
  @Status(HttpStatus.NO_CONTENT)
  @ApiResponse(responseCode = "204", description = "The caller does not follow the thread")
  @ApiResponse(responseCode = "404", description = "No such thread, or not one the caller sees")
  public void unfollow(Authentication auth, @PathVariable long threadId) {
    threads.follow(Caller.id(auth), threadId, false);
  }
}
