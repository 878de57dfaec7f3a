package dev.parley.adapters.web.socket;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One socket's client messages rebuilt from raw WebSocket frames within a size bound. Used on the
 * connection's event loop only.
 */
final class FrameReassembly {
  private ByteArrayOutputStream fragments;

  /**
   * Reassembles a client message from raw frames, so its total size is bounded (Micronaut's own
   * aggregation is not): returns the text once complete, or null. Binary frames close the socket
   * with 1003, messages over the limit with 1009. Releases the frame.
   */
  String text(SocketConnection connection, WebSocketFrame frame, int maxBytes) {
    try {
      if (frame instanceof BinaryWebSocketFrame) {
        connection.closeWith(CloseCodes.UNSUPPORTED_DATA, "text frames only");
        return null;
      }
      boolean first = frame instanceof TextWebSocketFrame;
      if (!first && !(frame instanceof ContinuationWebSocketFrame)) {
        return null;
      }
      byte[] bytes = ByteBufUtil.getBytes(frame.content());
      try {
        return assemble(bytes, first, frame.isFinalFragment(), maxBytes);
      } catch (IllegalStateException tooBig) {
        connection.closeWith(
            CloseCodes.MESSAGE_TOO_BIG, "messages are at most " + maxBytes + " bytes");
        return null;
      }
    } finally {
      frame.release();
    }
  }

  /**
   * Adds a frame's bytes to the message being received; returns the whole message once its final
   * fragment is in, else null.
   *
   * @throws IllegalStateException when the message grows past {@code maxBytes}
   */
  private String assemble(byte[] bytes, boolean first, boolean last, int maxBytes) {
    if (first && last) {
      fragments = null;
      if (bytes.length > maxBytes) {
        throw new IllegalStateException("message too big");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (first || fragments == null) {
      fragments = new ByteArrayOutputStream();
    }
    if (fragments.size() + bytes.length > maxBytes) {
      fragments = null;
      throw new IllegalStateException("message too big");
    }
    fragments.writeBytes(bytes);
    if (!last) {
      return null;
    }
    String text = fragments.toString(StandardCharsets.UTF_8);
    fragments = null;
    return text;
  }
}
