package dev.parley.adapters.web.socket;

import dev.parley.application.port.in.GatewayUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** What a gateway needs from the socket layer, in one injection. */
@Singleton
@Requires(beans = GatewayUseCase.class)
public final class SocketSupport {
  private final SocketLifecycle lifecycle;
  private final InboundFrames inbound;
  private final Frames frames;
  private final SocketLimits limits;

  SocketSupport(
      SocketLifecycle lifecycle, InboundFrames inbound, Frames frames, SocketLimits limits) {
    this.lifecycle = lifecycle;
    this.inbound = inbound;
    this.frames = frames;
    this.limits = limits;
  }

  /** Opening, refusing, attaching and closing sockets. */
  public SocketLifecycle lifecycle() {
    return lifecycle;
  }

  /** Client frames in, in order, and their answers. */
  public InboundFrames inbound() {
    return inbound;
  }

  public Frames frames() {
    return frames;
  }

  public SocketLimits limits() {
    return limits;
  }
}
