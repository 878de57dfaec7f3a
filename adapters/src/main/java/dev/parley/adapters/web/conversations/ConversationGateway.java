package dev.parley.adapters.web.conversations;

import dev.parley.adapters.web.socket.CloseCodes;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.adapters.web.socket.SocketConnection;
import dev.parley.adapters.web.socket.SocketGateway;
import dev.parley.adapters.web.socket.SocketSupport;
import dev.parley.application.port.in.ChannelPresenceUseCase;
import dev.parley.application.port.in.DeleteMessageUseCase;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.EditMessageUseCase;
import dev.parley.application.port.in.GetConversationUseCase;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.ReactUseCase;
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
 * Seed 002's per-conversation socket {@code /api/chat/ws/{conversation_id}?token=}: {@code
 * message}, {@code typing}, {@code edit}, {@code delete}, {@code reaction} and {@code presence}
 * frames in and out, {@code system} join/leave notices with {@code active_users}.
 */
@ServerWebSocket("/api/chat/ws/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConversationGateway extends SocketGateway {
  private final SendMessageUseCase sendMessage;
  private final SetTypingUseCase typing;
  private final EditMessageUseCase edit;
  private final DeleteMessageUseCase delete;
  private final ReactUseCase react;
  private final ChannelPresenceUseCase presence;
  private final ConversationFrames frames;

  ConversationGateway(
      SocketSupport sockets,
      SendMessageUseCase sendMessage,
      SetTypingUseCase typing,
      EditMessageUseCase edit,
      DeleteMessageUseCase delete,
      ReactUseCase react,
      ChannelPresenceUseCase presence) {
    super(sockets);
    this.sendMessage = sendMessage;
    this.typing = typing;
    this.edit = edit;
    this.delete = delete;
    this.react = react;
    this.presence = presence;
    this.frames = new ConversationFrames(sockets.frames());
  }

  @OnOpen
  public void onOpen(String conversationId, WebSocketSession session, HttpRequest<?> request) {
    Long id = pathId(conversationId);
    if (id == null) {
      sockets
          .lifecycle()
          .refuse(
              session,
              request,
              CloseCodes.ACCESS_REVOKED,
              "not_found",
              GetConversationUseCase.NOT_A_MEMBER);
      return;
    }
    SocketConnection connection =
        sockets
            .lifecycle()
            .open(
                session,
                request,
                new ConnectionScope.SingleChannel(id, ChannelExpectation.CONVERSATION),
                frames);
    sockets
        .lifecycle()
        .attach(connection, () -> presence.joined(connection), CloseCodes.ACCESS_REVOKED);
  }

  @Override
  protected void afterClose(SocketConnection connection) {
    presence.left(connection);
  }

  @Override
  protected void dispatch(SocketConnection connection, JsonNode frame) {
    long conversationId = connection.channelId();
    long userId = connection.userId();
    String type = Frames.type(frame);
    switch (type) {
      case "message" ->
          sendMessage.send(
              new SendMessageCommand(
                  userId,
                  conversationId,
                  ChannelExpectation.CONVERSATION,
                  new MessageText(Frames.requireString(frame, "content")),
                  Frames.optionalString(frame, "nonce"),
                  Frames.optionalId(frame, "reply_to")));
      case "typing" -> {
        Boolean isTyping =
            frame.get("is_typing") != null && frame.get("is_typing").isBoolean()
                ? frame.get("is_typing").getBooleanValue()
                : null;
        typing.setTyping(
            userId, conversationId, ChannelExpectation.CONVERSATION, isTyping == null || isTyping);
      }
      case "edit" ->
          edit.edit(
              EditMessageCommand.inChannel(
                  userId,
                  Frames.requireId(frame, "message_id"),
                  new MessageText(Frames.requireString(frame, "content")),
                  conversationId));
      case "delete" -> delete.delete(userId, Frames.requireId(frame, "message_id"), conversationId);
      case "reaction" ->
          react.react(
              ReactCommand.inChannel(
                  userId,
                  Frames.requireId(frame, "message_id"),
                  Frames.requireString(frame, "emoji"),
                  ReactCommand.Mode.TOGGLE,
                  conversationId));
      case "presence" -> presence.announceStatus(connection, Frames.requireString(frame, "status"));
      default -> throw new InvalidInput("type", "unknown message type '" + type + "'");
    }
  }
}
