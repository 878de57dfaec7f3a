package dev.parley.adapters.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A node's expiring identity in Redis, under which it writes per-node hash fields that other nodes
 * count only while the identity's liveness key lives. The lease renews the key on every link tick;
 * when Redis lost it, or after any failed write ({@link #markDirty}), it rewrites the owner's state
 * under a fresh identity and retires the old one, so no stale field survives an outage.
 */
final class RedisNodeLease {

  /** Writes the owner's state under a new identity; {@link #rewritten} runs once all succeeded. */
  interface Owner {
    List<RedisFuture<?>> rewrite(RedisAsyncCommands<String, String> redis, String node);

    default void rewritten() {}
  }

  private final RedisLink link;
  private final Duration ttl;
  private final String tag;
  private final String nodePrefix;
  private final Owner owner;

  /**
   * Writes under the identity take the read side; rewriting under a new one takes the write side.
   */
  private final ReadWriteLock sync = new ReentrantReadWriteLock();

  private volatile String node;
  private volatile boolean dirty = true;
  private volatile boolean stopped;

  /** Starts the lease: {@code tag} tells the owners of one node apart in their identities. */
  RedisNodeLease(RedisLink link, Duration ttl, String tag, Owner owner) {
    this.link = link;
    this.ttl = ttl;
    this.tag = tag;
    this.nodePrefix = link.prefix() + "node:";
    this.owner = owner;
    this.node = newNodeName();
    link.onTick(this::heartbeat);
    heartbeat();
  }

  private String newNodeName() {
    return link.nodeId() + ":" + tag + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The identity to write fields under; read it while holding {@link #shared}. */
  String node() {
    return node;
  }

  /** The prefix of every node's liveness key, for scripts that check which fields still count. */
  String nodePrefix() {
    return nodePrefix;
  }

  /** Held around each write under {@link #node}, so no write lands on an identity being retired. */
  Lock shared() {
    return sync.readLock();
  }

  /** Redis may have missed a write: the next healthy tick rewrites everything. */
  void markDirty() {
    dirty = true;
  }

  /** The link's commands when Redis is up, else null. */
  RedisCommands<String, String> commandsIfUp() {
    StatefulRedisConnection<String, String> connection = link.commands();
    return connection != null && link.isUp() ? connection.sync() : null;
  }

  /** Reports a failed Redis call: marks the lease dirty and tells the link. */
  void failed(RuntimeException e) {
    dirty = true;
    link.failed(e);
  }

  private void heartbeat() {
    if (stopped) {
      return;
    }
    RedisCommands<String, String> redis = commandsIfUp();
    if (redis == null) {
      return;
    }
    try {
      Boolean renewed = redis.pexpire(nodePrefix + node, ttl.toMillis());
      if (!Boolean.TRUE.equals(renewed) || dirty) {
        republish();
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void republish() {
    sync.writeLock().lock();
    try {
      StatefulRedisConnection<String, String> connection = link.commands();
      RedisCommands<String, String> redis = connection.sync();
      String next = newNodeName();
      try {
        redis.psetex(nodePrefix + next, ttl.toMillis(), "1");
        List<RedisFuture<?>> writes = owner.rewrite(connection.async(), next);
        if (!LettuceFutures.awaitAll(
            link.commandTimeout().toMillis() + writes.size(),
            TimeUnit.MILLISECONDS,
            writes.toArray(new RedisFuture<?>[0]))) {
          throw new IllegalStateException("rewrite under a new node identity timed out");
        }
      } catch (RuntimeException e) {
        try {
          redis.del(nodePrefix + next);
        } catch (RuntimeException ignored) {
          // Redis is away again: the half-written identity expires by itself.
        }
        throw e;
      }
      redis.del(nodePrefix + node);
      node = next;
      owner.rewritten();
      dirty = false;
    } finally {
      sync.writeLock().unlock();
    }
  }

  /** Stops renewing the identity, as a crash would; for tests. */
  void stopHeartbeat() {
    stopped = true;
  }

  /** Retires the identity at once, so the owner's fields stop counting without waiting the TTL. */
  void release() {
    stopped = true;
    RedisCommands<String, String> redis = commandsIfUp();
    if (redis != null) {
      try {
        redis.del(nodePrefix + node);
      } catch (RuntimeException e) {
        // Redis is away: the key expires by itself.
      }
    }
  }
}
