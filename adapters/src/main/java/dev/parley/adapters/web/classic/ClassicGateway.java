package dev.parley.adapters.web.classic;

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
import dev.parley.domain.message.MessageText;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * Seed 003's per-channel socket {@code /ws/{user_id}/{server_id}/{channel_id}?token=}: pushes
 * {@code {"type":"message","data":{...}}} for every message of the channel, whichever surface sent
 * it, and accepts {@code {"content":...}} (optionally with {@code "type":"message"}) to send.
 */
@ServerWebSocket("/ws/{userId}/{serverId}/{channelId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ClassicGateway extends SocketGateway {
  private final SendMessageUseCase sendMessage;
  private final SetTypingUseCase typing;
  private final ClassicFrames frames;

  ClassicGateway(SocketSupport sockets, SendMessageUseCase sendMessage, SetTypingUseCase typing) {
    super(sockets);
    this.frames = new ClassicFrames(sockets.frames());
    this.sendMessage = sendMessage;
    this.typing = typing;
  }

  @OnOpen
  public void onOpen(
      String userId,
      String serverId,
      String channelId,
      WebSocketSession session,
      HttpRequest<?> request) {
    Long pathUser = pathId(userId);
    Long server = pathId(serverId);
    Long channel = pathId(channelId);
    if (server == null || channel == null) {
      sockets
          .lifecycle()
          .refuse(session, request, CloseCodes.NOT_FOUND, "not_found", "Channel not found");
      return;
    }
    if (pathUser == null || pathUser != sockets.lifecycle().userId(request)) {
      sockets
          .lifecycle()
          .refuse(
              session,
              request,
              CloseCodes.POLICY_VIOLATION,
              "forbidden",
              "The user id in the path is not the token's user");
      return;
    }
    SocketConnection connection =
        sockets
            .lifecycle()
            .open(
                session,
                request,
                new ConnectionScope.SingleChannel(channel, ChannelExpectation.ofServer(server)),
                frames);
    sockets.lifecycle().attach(connection, () -> {});
  }

  @Override
  protected void dispatch(SocketConnection connection, JsonNode frame) {
    ConnectionScope.SingleChannel scope = (ConnectionScope.SingleChannel) connection.scope();
    String type = Frames.optionalString(frame, "type");
    if ("typing".equals(type)) {
      typing.setTyping(connection.userId(), scope.channelId(), scope.expected(), true);
      return;
    }
    JsonNode body =
        frame.get("data") != null && frame.get("data").isObject() ? frame.get("data") : frame;
    sendMessage.send(
        new SendMessageCommand(
            connection.userId(),
            scope.channelId(),
            scope.expected(),
            new MessageText(Frames.requireString(body, "content", "text")),
            Frames.optionalString(frame, "nonce"),
            null));
  }
}
