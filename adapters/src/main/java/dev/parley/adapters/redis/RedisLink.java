package dev.parley.adapters.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's connections to Redis: one for commands, one subscribed to the event channel. It
 * starts even while Redis is away, checks the link every tick, reconnects by itself, and says when
 * the link goes down or comes back once, not per failed command. Its users fall back to this node's
 * memory while it is down.
 */
@Singleton
@Requires(property = "redis.uri")
public class RedisLink {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final RedisClient client;
  private final String prefix;
  private final String nodeId = UUID.randomUUID().toString();
  private final Duration commandTimeout;
  private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
  private final List<Runnable> tickListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Instant>> recoveryListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker;

  private volatile StatefulRedisConnection<String, String> commands;
  private volatile StatefulRedisPubSubConnection<String, String> pubSub;

  /** Whether the link is known up, known down, or not checked yet: logs only on changes. */
  private enum State {
    STARTING,
    UP,
    DOWN
  }

  private volatile State state = State.STARTING;
  private volatile Instant downSince = Instant.now();
  private volatile String lastError = "not connected yet";

  /** Healthy checks that repair after an outage. */
  private static final int REPAIR_RUNS = 3;

  /** The start of the outage being repaired, and how many more checks repair it (link thread). */
  private Instant repairSince;

  private int repairRunsLeft;

  /** When a connection last dropped, until the next healthy check repairs what it missed. */
  private final AtomicReference<Instant> lostAt = new AtomicReference<>();

  private final Timer publishLatency;

  @Inject
  RedisLink(RedisClient client, RedisSettings settings, MeterRegistry registry) {
    this(
        client,
        settings.getKeyPrefix(),
        settings.getCommandTimeout(),
        settings.getCheckInterval(),
        registry);
  }

  RedisLink(
      RedisClient client,
      String prefix,
      Duration commandTimeout,
      Duration checkInterval,
      MeterRegistry registry) {
    this.client = client;
    Gauge.builder("parley.redis.up", this, link -> link.isUp() ? 1 : 0)
        .description("1 while the Redis fan-out link is up, 0 while this node is on its own")
        .register(registry);
    this.publishLatency =
        Timer.builder("parley.redis.publish.latency")
            .description("From publishing an event to Redis to its acknowledgement")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.prefix = prefix;
    this.commandTimeout = commandTimeout;
    // Commands fail at once while disconnected (the callers fall back to local delivery) instead
    // of queueing up in memory until Redis returns.
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .build());
    client.setDefaultTimeout(commandTimeout);
    // A dropped connection is an outage even when Lettuce reconnects before the next check: what
    // was published meanwhile never reached this node, and the recovery repairs it.
    client.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            lostAt.compareAndSet(null, Instant.now());
          }
        });
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-redis-link");
              t.setDaemon(true);
              return t;
            });
    connectIfNeeded();
    check();
    ticker.scheduleWithFixedDelay(
        this::tick, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** This process's identity on the channel, so it can skip its own events. */
  public String nodeId() {
    return nodeId;
  }

  /** The prefix of every key and channel Parley uses, so several deployments can share a Redis. */
  String prefix() {
    return prefix;
  }

  String eventChannel() {
    return prefix + "events";
  }

  /** Whether Redis answered the last check and no command failed since. */
  public boolean isUp() {
    return state == State.UP;
  }

  /** When the link went down (meaningful while it is down). */
  public Instant downSince() {
    return downSince;
  }

  /** The last failure, without secrets: the exception type and message. */
  public String lastError() {
    return lastError;
  }

  /** The command connection, or null before the first successful connect. */
  StatefulRedisConnection<String, String> commands() {
    return commands;
  }

  Duration commandTimeout() {
    return commandTimeout;
  }

  /** Receives every payload published on the event channel, this node's own included. */
  void onEvent(Consumer<String> subscriber) {
    subscribers.add(subscriber);
  }

  /**
   * Runs when the link comes back after being down, on the link's own thread, with the moment it
   * was found down.
   */
  void onRecovered(Consumer<Instant> listener) {
    recoveryListeners.add(listener);
  }

  /** Runs after each link check, on the link's own thread. */
  void onTick(Runnable listener) {
    tickListeners.add(listener);
  }

  /** Publishes without waiting; a failure marks the link down (logged once). */
  void publish(String payload) {
    StatefulRedisConnection<String, String> c = commands;
    if (c == null) {
      return;
    }
    long start = System.nanoTime();
    try {
      c.async()
          .publish(eventChannel(), payload)
          .whenComplete(
              (receivers, error) -> {
                if (error != null) {
                  failed(error);
                } else {
                  publishLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
              });
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** A command failed: Redis is considered down until the next successful check. */
  void failed(Throwable error) {
    lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    if (state != State.DOWN) {
      state = State.DOWN;
      downSince = Instant.now();
      LOG.warn(
          "Redis unreachable ({}): events reach this node's clients only, presence is this"
              + " node's own, until it returns",
          lastError);
    }
  }

  private void tick() {
    try {
      connectIfNeeded();
      check();
      for (Runnable listener : tickListeners) {
        listener.run();
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private synchronized void connectIfNeeded() {
    try {
      if (commands == null) {
        commands = client.connect(StringCodec.UTF8);
      }
      if (pubSub == null) {
        StatefulRedisPubSubConnection<String, String> subscription =
            client.connectPubSub(StringCodec.UTF8);
        subscription.addListener(
            new RedisPubSubAdapter<>() {
              @Override
              public void message(String channel, String message) {
                for (Consumer<String> subscriber : subscribers) {
                  subscriber.accept(message);
                }
              }
            });
        // Lettuce subscribes again by itself after each reconnect.
        subscription.sync().subscribe(eventChannel());
        pubSub = subscription;
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void check() {
    StatefulRedisConnection<String, String> c = commands;
    StatefulRedisPubSubConnection<String, String> s = pubSub;
    boolean ok;
    try {
      ok = c != null && s != null && s.isOpen() && "PONG".equals(c.sync().ping());
    } catch (RuntimeException e) {
      failed(e);
      return;
    }
    if (!ok) {
      failed(new IllegalStateException("subscription not connected"));
    } else {
      Instant lost = lostAt.getAndSet(null);
      Instant since = state == State.DOWN ? downSince : null;
      if (lost != null && (since == null || lost.isBefore(since))) {
        since = lost;
      }
      if (state != State.UP) {
        state = State.UP;
        LOG.info("Redis reachable: events and presence are shared with the other nodes");
      }
      recovered(since);
    }
  }

  /**
   * Runs the recovery listeners on this and the next few healthy checks: the subscription may come
   * back a little after the command connection, and what was published in between is repaired by a
   * later run (delivery passes each change once, so running again is harmless).
   */
  private void recovered(Instant since) {
    if (since != null) {
      repairSince = repairSince == null || since.isBefore(repairSince) ? since : repairSince;
      repairRunsLeft = REPAIR_RUNS;
    }
    if (repairSince == null) {
      return;
    }
    for (Consumer<Instant> listener : recoveryListeners) {
      listener.accept(repairSince);
    }
    if (--repairRunsLeft <= 0) {
      repairSince = null;
    }
  }

  @PreDestroy
  void close() {
    ticker.shutdownNow();
    StatefulRedisPubSubConnection<String, String> s = pubSub;
    if (s != null) {
      s.closeAsync();
    }
    StatefulRedisConnection<String, String> c = commands;
    if (c != null) {
      c.closeAsync();
    }
  }
}
