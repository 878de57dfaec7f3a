package dev.parley.adapters.web.socket;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Client messages rebuilt from raw WebSocket frames within a size bound. */
final class FrameReassembly {
  private FrameReassembly() {}

  /**
   * Reassembles a client message from raw frames, so its total size is bounded (Micronaut's own
   * aggregation is not): returns the text once complete, or null. Binary frames close the socket
   * with 1003, messages over the limit with 1009. Releases the frame.
   */
  static String text(SocketConnection connection, WebSocketFrame frame, int maxBytes) {
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
        return connection.assemble(bytes, first, frame.isFinalFragment(), maxBytes);
      } catch (IllegalStateException tooBig) {
        connection.closeWith(
            CloseCodes.MESSAGE_TOO_BIG, "messages are at most " + maxBytes + " bytes");
        return null;
      }
    } finally {
      frame.release();
    }
  }
}
