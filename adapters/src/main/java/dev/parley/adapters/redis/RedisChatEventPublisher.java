package dev.parley.adapters.redis;

import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.application.port.in.RepairGapsUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.domain.event.ChatEvent;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many nodes: an event goes at once to this node's connections, and once through Redis pub/sub to
 * every other node, which delivers it to its own connections by the same path. While Redis is away,
 * this node's clients still get everything sent on this node; when it returns, each node delivers
 * from PostgreSQL's change log what the others committed meanwhile (each change once, as delivery
 * skips what this node already passed on).
 */
@Context
@Requires(property = "redis.uri")
public class RedisChatEventPublisher implements ChatEventPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(RedisChatEventPublisher.class);

  private final DeliverEventUseCase delivery;
  private final RedisLink link;
  private final ChatEventCodec codec;
  private final String ownPrefix;

  /** One thread, so events from Redis reach local connections in the order they were sent. */
  private final ExecutorService inbound =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-redis-inbound");
            t.setDaemon(true);
            return t;
          });

  private final RepairGapsUseCase repair;
  private final Duration repairMargin;

  RedisChatEventPublisher(
      DeliverEventUseCase delivery,
      RepairGapsUseCase repair,
      RedisLink link,
      ChatEventCodec codec,
      RedisSettings settings) {
    this.delivery = delivery;
    this.repair = repair;
    this.link = link;
    this.codec = codec;
    this.repairMargin = settings.getRepairMargin();
    this.ownPrefix = codec.encodedPrefix(link.nodeId());
    link.onEvent(this::received);
    link.onRecovered(downSince -> inbound.execute(() -> repairSince(downSince)));
  }

  /**
   * Runs on the inbound thread, after the events received before it. The margin covers events in
   * flight when the link dropped and clocks of nodes that differ a little.
   */
  private void repairSince(Instant downSince) {
    try {
      int repaired = repair.repairSince(downSince.minus(repairMargin));
      LOG.info("Redis back: delivered {} changes other nodes made while it was away", repaired);
    } catch (RuntimeException e) {
      LOG.warn("Repair after the Redis outage failed; clients catch up by resume", e);
    }
  }

  @Override
  public void publish(ChatEvent event) {
    delivery.deliver(event);
    String payload;
    try {
      payload = codec.encode(link.nodeId(), event);
    } catch (RuntimeException e) {
      LOG.error("cannot encode {} for the other nodes", event.getClass().getSimpleName(), e);
      return;
    }
    link.publish(payload);
  }

  private void received(String payload) {
    if (payload.startsWith(ownPrefix)) {
      return; // published here, and already delivered here by publish
    }
    inbound.execute(() -> handle(payload));
  }

  private void handle(String payload) {
    ChatEventCodec.Envelope envelope;
    try {
      envelope = codec.decode(payload);
    } catch (RuntimeException e) {
      LOG.warn("ignored an event from Redis that this node cannot read: {}", e.getMessage());
      return;
    }
    try {
      delivery.deliver(envelope.event());
    } catch (RuntimeException e) {
      LOG.warn(
          "delivery of {} from another node failed",
          envelope.event().getClass().getSimpleName(),
          e);
    }
  }

  @PreDestroy
  void close() {
    inbound.shutdown();
  }
}
