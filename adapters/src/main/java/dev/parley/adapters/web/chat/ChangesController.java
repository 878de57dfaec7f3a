package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.ReadChangesUseCase;
import dev.parley.application.port.in.ReadChangesUseCase.Changes;
import dev.parley.application.port.in.ReadChangesUseCase.ChangesQuery;
import dev.parley.domain.channel.ChannelExpectation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.StringJoiner;

/**
 * REST catch-up on a channel's change log: {@code GET .../changes?after_pos=} answers the changes
 * after a position as the native gateway's frames ({@code new_message}, {@code message_updated},
 * {@code message_deleted}, {@code reaction_added}/{@code _removed}, {@code message_pinned}/{@code
 * _unpinned}), so a client applies them with the code that handles live events.
 */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Servers, channels and messages")
public class ChangesController {
  private final ReadChangesUseCase changes;
  private final NativeFrames frames;

  ChangesController(ReadChangesUseCase changes, JsonMapper json) {
    this.changes = changes;
    this.frames = new NativeFrames(new Frames(json));
  }

  /**
   * The changes of a server channel after {@code after_pos} (default 0), oldest first, at most
   * {@code limit} (default 100, at most 500): {@code {"changes": [...], "last_pos", "last_seq",
   * "has_more"}}.
   */
  @Get(
      value = "/servers/{serverId}/channels/{channelId}/changes",
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> serverChannel(
      Authentication auth,
      @PathVariable long serverId,
      @PathVariable long channelId,
      @QueryValue("after_pos") @Nullable Long afterPos,
      @QueryValue @Nullable Integer limit) {
    return page(auth, channelId, ChannelExpectation.ofServer(serverId), afterPos, limit);
  }

  /** The same for a direct or group conversation. */
  @Get(value = "/conversations/{conversationId}/changes", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> conversation(
      Authentication auth,
      @PathVariable long conversationId,
      @QueryValue("after_pos") @Nullable Long afterPos,
      @QueryValue @Nullable Integer limit) {
    return page(auth, conversationId, ChannelExpectation.ANY, afterPos, limit);
  }

  /** The same for a thread, of a server channel or of a conversation. */
  @Get(value = "/threads/{threadId}/changes", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> thread(
      Authentication auth,
      @PathVariable long threadId,
      @QueryValue("after_pos") @Nullable Long afterPos,
      @QueryValue @Nullable Integer limit) {
    return page(auth, threadId, ChannelExpectation.THREAD, afterPos, limit);
  }

  private HttpResponse<String> page(
      Authentication auth,
      long channelId,
      ChannelExpectation expected,
      Long afterPos,
      Integer limit) {
    Changes page =
        changes.changes(
            new ChangesQuery(
                Caller.id(auth),
                channelId,
                expected,
                afterPos == null ? 0 : afterPos,
                limit == null ? ReadChangesUseCase.DEFAULT_LIMIT : limit));
    // The frames are JSON already, written once each: joined rather than parsed and written again.
    StringJoiner body = new StringJoiner(",", "{\"changes\":[", "]");
    page.events().forEach(event -> body.add(frames.replayed(event)));
    return HttpResponse.ok(
            body
                + ",\"last_pos\":"
                + page.lastPos()
                + ",\"last_seq\":"
                + page.lastSeq()
                + ",\"has_more\":"
                + page.more()
                + "}")
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
