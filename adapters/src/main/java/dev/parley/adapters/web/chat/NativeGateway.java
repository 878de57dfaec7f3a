package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.socket.SocketConnection;
import dev.parley.adapters.web.socket.SocketSupport;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.application.port.in.SetTypingUseCase;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.MessageText;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * The native gateway {@code /chat/ws?token=}: one socket per client for all the user's servers and
 * conversations. Client events {@code send_message}, {@code typing_start}, {@code typing_stop}; see
 * docs/protocol.md.
 */
@ServerWebSocket("/chat/ws")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class NativeGateway {
  private final SocketSupport sockets;
  private final SendMessageUseCase sendMessage;
  private final SetTypingUseCase typing;
  private final NativeFrames frames;

  NativeGateway(SocketSupport sockets, SendMessageUseCase sendMessage, SetTypingUseCase typing) {
    this.sockets = sockets;
    this.sendMessage = sendMessage;
    this.typing = typing;
    this.frames = new NativeFrames(sockets.frames());
  }

  @OnOpen
  public void onOpen(WebSocketSession session, HttpRequest<?> request) {
    SocketConnection connection =
        sockets.open(session, request, ConnectionScope.EVERYTHING, frames);
    // "connected" goes out once the subscriptions are in place: from then on nothing is missed.
    sockets.attach(
        connection,
        () -> connection.send(frames.connected(connection.userId(), connection.username())));
  }

  @OnMessage(maxPayloadLength = 64 * 1024)
  public void onMessage(String text, WebSocketSession session) {
    SocketConnection connection = sockets.of(session);
    if (connection != null) {
      sockets.receive(connection, text, frame -> dispatch(connection, frame));
    }
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    sockets.closed(session);
  }

  private void dispatch(SocketConnection connection, JsonNode frame) {
    String type = Frames.type(frame);
    switch (type) {
      case "send_message" -> send(connection, frame);
      case "typing_start" -> typing(connection, frame, true);
      case "typing_stop" -> typing(connection, frame, false);
      default -> throw new InvalidInput("type", "unknown event type '" + type + "'");
    }
  }

  private void send(SocketConnection connection, JsonNode frame) {
    String nonce = Frames.optionalString(frame, "nonce");
    SendResult result =
        sendMessage.send(
            new SendMessageCommand(
                connection.userId(),
                Frames.requireId(frame, "channelId"),
                Frames.optionalId(frame, "serverId"),
                new MessageText(Frames.requireString(frame, "text", "content")),
                nonce,
                Frames.optionalId(frame, "replyTo")));
    connection.send(frames.ack(result, nonce));
  }

  private void typing(SocketConnection connection, JsonNode frame, boolean started) {
    typing.setTyping(
        connection.userId(),
        Frames.requireId(frame, "channelId"),
        Frames.optionalId(frame, "serverId"),
        started);
  }
}
