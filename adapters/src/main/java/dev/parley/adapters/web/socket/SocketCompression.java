package dev.parley.adapters.web.socket;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;

/**
 * Takes Netty's permessage-deflate handler out of every HTTP connection unless {@code
 * parley.socket.compression} is on. Micronaut adds it whenever WebSockets are served, and every
 * browser asks for deflate, so each browser socket would carry a deflater and an inflater: 393
 * instead of 40 MiB for 3 000 idle sockets here (docs/benchmarks.md).
 */
@Singleton
final class SocketCompression implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  private final SocketLimits limits;

  SocketCompression(SocketLimits limits) {
    this.limits = limits;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    if (!limits.isCompression()) {
      event.getBean().register(new WithoutDeflate(null));
    }
    return event.getBean();
  }

  /** Removes the handler once a connection's pipeline is built (it was added while building). */
  private record WithoutDeflate(Channel channel) implements NettyServerCustomizer {

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return new WithoutDeflate(channel);
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (channel == null) {
        return;
      }
      ChannelPipeline pipeline = channel.pipeline();
      if (pipeline.get(NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER) != null) {
        pipeline.remove(NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER);
      }
    }
  }
}
