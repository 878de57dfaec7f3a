package dev.parley.adapters.web.socket;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.websocket.WebSocketPongMessage;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * What every {@code @ServerWebSocket} gateway does the same way: raw frames go through {@link
 * InboundFrames} to the surface's {@link #dispatch}, pongs count as signs of life, and a close
 * detaches the socket. A surface adds its {@code @OnOpen} and its frame types.
 */
public abstract class SocketGateway {
  protected final SocketSupport sockets;

  protected SocketGateway(SocketSupport sockets) {
    this.sockets = sockets;
  }

  @OnMessage
  public void onMessage(WebSocketFrame frame, WebSocketSession session) {
    sockets.inbound().onFrame(session, frame, this::dispatch);
  }

  @OnMessage
  public void onPong(WebSocketPongMessage pong, WebSocketSession session) {
    sockets.inbound().pong(session);
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    sockets.lifecycle().closed(session, this::afterClose);
  }

  /** Handles one parsed client frame, in order, off the event loop. */
  protected abstract void dispatch(SocketConnection connection, JsonNode frame);

  /** Runs off the event loop once a closed socket is detached from the core. */
  protected void afterClose(SocketConnection connection) {}

  /** A numeric id from the socket's path, or null when it is not one. */
  protected static Long pathId(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
