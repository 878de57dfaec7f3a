package dev.parley.adapters.web.rooms;

import dev.parley.adapters.web.socket.CloseCodes;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.socket.SocketConnection;
import dev.parley.adapters.web.socket.SocketGateway;
import dev.parley.adapters.web.socket.SocketSupport;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.in.SetTypingUseCase;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.MessageText;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * Seed 004's room socket {@code /ws/chat/{room_id}?token=}: send {@code {"type":"message",
 * "content":...}}, receive {@code {"type":"message","room_id","sender","message","timestamp"}};
 * {@code typing} both ways.
 */
@ServerWebSocket("/ws/chat/{roomId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class RoomGateway extends SocketGateway {
  private final SendMessageUseCase sendMessage;
  private final SetTypingUseCase typing;
  private final RoomFrames frames;

  RoomGateway(SocketSupport sockets, SendMessageUseCase sendMessage, SetTypingUseCase typing) {
    super(sockets);
    this.sendMessage = sendMessage;
    this.typing = typing;
    this.frames = new RoomFrames(sockets.frames());
  }

  @OnOpen
  public void onOpen(String roomId, WebSocketSession session, HttpRequest<?> request) {
    Long id = pathId(roomId);
    if (id == null) {
      sockets
          .lifecycle()
          .refuse(session, request, CloseCodes.NOT_FOUND, "not_found", "Room not found");
      return;
    }
    SocketConnection connection =
        sockets
            .lifecycle()
            .open(
                session,
                request,
                new ConnectionScope.SingleChannel(id, ChannelExpectation.ROOM),
                frames);
    sockets.lifecycle().attach(connection, () -> {}, CloseCodes.NOT_FOUND);
  }

  @Override
  protected void dispatch(SocketConnection connection, JsonNode frame) {
    long roomId = connection.channelId();
    String type = Frames.type(frame);
    switch (type) {
      case "message" ->
          sendMessage.send(
              new SendMessageCommand(
                  connection.userId(),
                  roomId,
                  ChannelExpectation.ROOM,
                  new MessageText(Frames.requireString(frame, "content", "message")),
                  Frames.optionalString(frame, "nonce"),
                  null));
      case "typing" -> typing.setTyping(connection.userId(), roomId, ChannelExpectation.ROOM, true);
      default -> throw new InvalidInput("type", "unknown message type '" + type + "'");
    }
  }
}
