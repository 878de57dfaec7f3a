package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.socket.ResumeWait;
import dev.parley.adapters.web.socket.SocketConnection;
import dev.parley.adapters.web.socket.SocketGateway;
import dev.parley.adapters.web.socket.SocketSupport;
import dev.parley.application.port.in.DeleteMessageUseCase;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.EditMessageUseCase;
import dev.parley.application.port.in.PinCommand;
import dev.parley.application.port.in.PinUseCase;
import dev.parley.application.port.in.PresenceUseCase;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ReactUseCase;
import dev.parley.application.port.in.ReadStateUseCase;
import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.application.port.in.SetTypingUseCase;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.event.ChannelChange;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.message.MessageText;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The native gateway {@code /chat/ws?token=}: one socket per client for all the user's servers and
 * conversations. Client events {@code send_message}, {@code typing_start}, {@code typing_stop},
 * {@code heartbeat} and, on a connection opened with {@code ?resume=1}, {@code resume}; see
 * docs/protocol.md.
 */
@ServerWebSocket("/chat/ws")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class NativeGateway extends SocketGateway {
  /**
   * Every frame type a client may send; the access-matrix test holds an expectation for each, so a
   * new one cannot ship without a decision on who may send it.
   */
  public static final Set<String> CLIENT_FRAME_TYPES =
      Set.of(
          "send_message",
          "typing_start",
          "typing_stop",
          "heartbeat",
          "ping",
          "edit_message",
          "delete_message",
          "add_reaction",
          "remove_reaction",
          "pin_message",
          "unpin_message",
          "mark_read",
          "set_status",
          "resume");

  private final ResumeWait resumeWait;
  private final SendMessageUseCase sendMessage;
  private final SetTypingUseCase typing;
  private final ResumeUseCase resume;
  private final EditMessageUseCase edit;
  private final DeleteMessageUseCase delete;
  private final ReactUseCase react;
  private final PinUseCase pins;
  private final ReadStateUseCase readStates;
  private final PresenceUseCase presence;
  private final NativeFrames frames;

  NativeGateway(
      SocketSupport sockets,
      ResumeWait resumeWait,
      SendMessageUseCase sendMessage,
      SetTypingUseCase typing,
      ResumeUseCase resume,
      EditMessageUseCase edit,
      DeleteMessageUseCase delete,
      ReactUseCase react,
      PinUseCase pins,
      ReadStateUseCase readStates,
      PresenceUseCase presence) {
    super(sockets);
    this.resumeWait = resumeWait;
    this.sendMessage = sendMessage;
    this.typing = typing;
    this.resume = resume;
    this.edit = edit;
    this.delete = delete;
    this.react = react;
    this.pins = pins;
    this.readStates = readStates;
    this.presence = presence;
    this.frames = new NativeFrames(sockets.frames());
  }

  @OnOpen
  public void onOpen(WebSocketSession session, HttpRequest<?> request) {
    SocketConnection connection =
        sockets.lifecycle().open(session, request, ConnectionScope.EVERYTHING, frames);
    boolean resuming =
        request
            .getParameters()
            .getFirst("resume")
            .map(v -> v.equals("1") || v.equalsIgnoreCase("true"))
            .orElse(false);
    if (resuming) {
      resumeWait.start(connection);
    }
    // "connected" goes out once the subscriptions are in place: from then on nothing is missed.
    sockets
        .lifecycle()
        .attach(
            connection,
            () ->
                connection.send(
                    frames.connected(
                        connection.userId(),
                        connection.username(),
                        sockets.limits().getHeartbeatInterval().toMillis(),
                        resuming)));
  }

  @Override
  protected void dispatch(SocketConnection connection, JsonNode frame) {
    String type = Frames.type(frame);
    if (!CLIENT_FRAME_TYPES.contains(type)) {
      throw new InvalidInput("type", "unknown event type '" + type + "'");
    }
    if (connection.awaitingResume() && !type.equals("resume") && !type.equals("heartbeat")) {
      throw new InvalidInput("type", "this connection was opened to resume: send 'resume' first");
    }
    if (!type.equals("send_message")) {
      // Only sends are pipelined; any other frame acts after the sends before it are answered.
      connection.answers().settle();
    }
    switch (type) {
      case "send_message" -> send(connection, frame);
      case "typing_start" -> typing(connection, frame, true);
      case "typing_stop" -> typing(connection, frame, false);
      case "heartbeat", "ping" -> connection.send(frames.heartbeatAck());
      case "edit_message" ->
          edit.edit(
              EditMessageCommand.of(
                  connection.userId(),
                  Frames.requireId(frame, "messageId"),
                  new MessageText(Frames.requireString(frame, "text", "content"))));
      case "delete_message" ->
          delete.delete(connection.userId(), Frames.requireId(frame, "messageId"));
      case "add_reaction", "remove_reaction" ->
          react.react(
              ReactCommand.of(
                  connection.userId(),
                  Frames.requireId(frame, "messageId"),
                  Frames.requireString(frame, "emoji"),
                  type.equals("add_reaction") ? ReactCommand.Mode.ADD : ReactCommand.Mode.REMOVE));
      case "pin_message", "unpin_message" ->
          pins.pin(
              new PinCommand(
                  connection.userId(),
                  Frames.requireId(frame, "messageId"),
                  type.equals("pin_message")));
      case "mark_read" ->
          readStates.markRead(
              connection.userId(),
              Frames.requireId(frame, "channelId"),
              Frames.optionalId(frame, "seq"));
      case "set_status" ->
          presence.setStatus(connection.userId(), Frames.requireString(frame, "status"));
      case "resume" -> resume(connection, frame);
      default -> throw new IllegalStateException("no handler for listed frame type " + type);
    }
  }

  private void send(SocketConnection connection, JsonNode frame) {
    String nonce = Frames.optionalString(frame, "nonce");
    List<Long> attachmentIds = Frames.optionalIds(frame, "attachment_ids", "attachmentIds");
    CompletableFuture<SendResult> sent =
        sendMessage.sendPipelined(
            new SendMessageCommand(
                connection.userId(),
                Frames.requireId(frame, "channelId"),
                ChannelExpectation.ofServer(Frames.optionalId(frame, "serverId")),
                SendMessageCommand.text(
                    Frames.optionalString(frame, "text", "content"), attachmentIds),
                nonce,
                Frames.optionalId(frame, "replyTo"),
                attachmentIds));
    sockets.inbound().answerLater(connection, nonce, sent, result -> frames.ack(result, nonce));
  }

  private void typing(SocketConnection connection, JsonNode frame, boolean started) {
    typing.setTyping(
        connection.userId(),
        Frames.requireId(frame, "channelId"),
        ChannelExpectation.ofServer(Frames.optionalId(frame, "serverId")),
        started);
  }

  /**
   * Replays what the client missed, channel by channel, then lets the held live events through,
   * minus those the replay already carried: every change exactly once, in order.
   */
  private void resume(SocketConnection connection, JsonNode frame) {
    if (!connection.awaitingResume()) {
      throw new InvalidInput(
          "type", "resume is accepted once, on a connection opened with ?resume=1");
    }
    ResumeUseCase.Result result = resume.resume(connection.userId(), Frames.resumeCursors(frame));
    Map<Long, Long> replayedUpTo = new HashMap<>();
    for (ResumeUseCase.Replay replay : result.replays()) {
      for (ChatEvent event : replay.events()) {
        connection.send(frames.replayed(event));
      }
      replayedUpTo.put(replay.channelId(), replay.lastPos());
    }
    for (ResumeUseCase.Resync resync : result.resyncs()) {
      connection.send(frames.resync(resync));
    }
    connection.send(frames.resumed(result));
    connection.markReady(
        held ->
            held.event() instanceof ChannelChange change
                && change.pos() <= replayedUpTo.getOrDefault(change.channelId(), -1L));
  }
}
