package dev.parley.adapters.web.socket;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a socket with the closing handshake of RFC 6455, so the client reads everything sent before
 * the close. Closing the TCP connection right after the close frame, with frames from a client that
 * is still sending unread, makes the kernel answer with a reset, and a reset discards what the
 * client had not read yet: the error frames and the close frame itself. So once a close frame is
 * out, the socket keeps reading (and dropping) what the client sends until the client's close frame
 * arrives or the linger time passes, and only then closes the connection. The linger counts from
 * when the close frame has been written to the connection, which behind a slow reader's backlog may
 * take a while (as before, such a close waits for the client to read).
 *
 * <p>It sits in the channel's pipeline right before Micronaut's socket handler, so every close goes
 * through it: Parley's ({@code WebSocketSession.close}, which closes the channel as soon as the
 * close frame is written), Micronaut's own (idle timeout, errors) and the frame decoder's (1009 for
 * a frame over the limit, 1002 for a broken one). It also answers a close frame the client sends
 * first, which Micronaut does not when the endpoint has an {@code @OnClose} method. All its methods
 * run on the channel's event loop.
 */
final class GracefulClose extends ChannelDuplexHandler {
  static final String NAME = "parley-graceful-close";
  private static final Logger LOG = LoggerFactory.getLogger(GracefulClose.class);

  private final Duration linger;
  private boolean closeSent;
  private boolean closePending;
  private boolean closeReceived;
  private boolean closeRequested;
  private ScheduledFuture<?> deadline;

  private GracefulClose(Duration linger) {
    this.linger = linger;
  }

  /**
   * Puts the handler in the pipeline of the socket this upgrade opens. Called from {@code @OnOpen},
   * which Micronaut runs before it adds its socket handler in front of the HTTP handler that took
   * the upgrade: added in front of that same handler now, ours ends up right before Micronaut's.
   * The Netty request is a Micronaut internal; without it closes stay abrupt, nothing worse.
   */
  static void install(HttpRequest<?> upgrade, Duration linger) {
    if (!(upgrade instanceof NettyHttpRequest<?> netty)) {
      LOG.warn("Not a Netty upgrade ({}): socket closes will not linger", upgrade.getClass());
      return;
    }
    ChannelHandlerContext http = netty.getChannelHandlerContext();
    if (http.pipeline().get(NAME) == null) {
      http.pipeline().addBefore(http.name(), NAME, new GracefulClose(linger));
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (closeSent) {
      // Nothing may follow a close frame (late events, a second close, a pong).
      ReferenceCountUtil.release(msg);
      if (!promise.isVoid()) {
        promise.tryFailure(new ClosedChannelException());
      }
      return;
    }
    if (msg instanceof CloseWebSocketFrame) {
      closeSent = true;
      // The linger starts once the frame is out: behind a slow reader's backlog that can take a
      // while, and closing meanwhile would discard it.
      closePending = true;
      ChannelPromise written = promise.unvoid();
      written.addListener(
          done -> {
            closePending = false;
            startLinger(ctx);
          });
      ctx.write(msg, written);
      return;
    }
    ctx.write(msg, promise);
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (closeReceived || !ctx.channel().isActive()) {
      ctx.close(promise);
      return;
    }
    // Closing now would reset the connection: wait for the client's close frame (or the linger).
    closeRequested = true;
    if (!closePending) {
      startLinger(ctx);
    }
    if (!promise.isVoid()) {
      ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof CloseWebSocketFrame frame) {
      closeReceived = true;
      if (closeSent || closeRequested) {
        // The handshake is complete; all the client sent is read, so the close is a clean one.
        frame.release();
        ctx.close();
        return;
      }
      answer(ctx, frame);
      ctx.fireChannelRead(msg);
      return;
    }
    if (closeSent || closeRequested) {
      // Read so the close stays clean, but not handled: the socket is closing.
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Echoes the status of a close frame the client sent first, as the protocol asks. */
  private void answer(ChannelHandlerContext ctx, CloseWebSocketFrame frame) {
    ByteBuf content = frame.content();
    ByteBuf status =
        content.readableBytes() >= 2
            ? content.retainedSlice(content.readerIndex(), 2)
            : Unpooled.EMPTY_BUFFER;
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, status));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException) {
      // The decoder has already sent its close frame (1009 or 1002) and asked for the close;
      // passed on, Micronaut would log an error and send a second close frame.
      closeSent = true;
      LOG.debug("Closing a socket after a bad frame: {}", cause.getMessage());
      return;
    }
    if ((closeSent || closeRequested) && cause instanceof IOException) {
      // A client may reset the connection once it has our close frame: nothing to report.
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  private void startLinger(ChannelHandlerContext ctx) {
    if (deadline == null && ctx.channel().isActive()) {
      Runnable lingerOver = ctx::close;
      deadline = ctx.executor().schedule(lingerOver, linger.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stopLinger();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stopLinger();
  }

  private void stopLinger() {
    if (deadline != null) {
      deadline.cancel(false);
    }
  }
}
