package dev.parley.adapters.redis;

import dev.parley.application.port.out.OpenCounts;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link OpenCounts} summed over every node through Redis, so a cap holds for the deployment, not
 * per node. Each key is a hash with one field per node; a field counts only while its node's
 * liveness key exists, and that key expires unless the node renews it, so a crashed node's sockets
 * stop counting within the TTL. Checking the cap and counting happen in one script.
 *
 * <p>This node's own counts also live in memory: while Redis is away they alone decide (the cap
 * then holds per node), and when it returns, or after any failed write, the node rewrites them
 * under a fresh identity so no stale field survives.
 */
@Singleton
@Requires(property = "redis.uri")
public class RedisOpenCounts implements OpenCounts {

  /**
   * Sums the live nodes' fields (dropping dead ones); with delta 1 refuses (-1) at the cap, else
   * adds the delta to this node's field. Returns the total afterwards.
   */
  private static final String COUNT =
      """
      local key = KEYS[1]
      local node = ARGV[1]
      local delta = tonumber(ARGV[2])
      local total = 0
      local fields = redis.call('HGETALL', key)
      for i = 1, #fields, 2 do
        if fields[i] == node or redis.call('EXISTS', ARGV[4] .. fields[i]) == 1 then
          local c = tonumber(fields[i + 1])
          if c > 0 then total = total + c end
        else
          redis.call('HDEL', key, fields[i])
        end
      end
      if delta > 0 and total >= tonumber(ARGV[3]) then return -1 end
      if delta ~= 0 then
        if redis.call('HINCRBY', key, node, delta) <= 0 then redis.call('HDEL', key, node) end
        total = math.max(0, total + delta)
      end
      return total
      """;

  private final RedisLink link;
  private final Duration ttl;
  private final String countPrefix;
  private final String nodePrefix;
  private final Map<String, Integer> own = new ConcurrentHashMap<>();

  /** Counting takes the read side; rewriting under a new identity takes the write side. */
  private final ReadWriteLock sync = new ReentrantReadWriteLock();

  private volatile String node;
  private volatile boolean dirty = true;
  private volatile boolean stopped;

  RedisOpenCounts(RedisLink link, @Value("${parley.redis.presence-ttl:30s}") Duration ttl) {
    this.link = link;
    this.ttl = ttl;
    this.countPrefix = link.prefix() + "open:";
    this.nodePrefix = link.prefix() + "node:";
    this.node = newNodeName();
    link.onTick(this::heartbeat);
    heartbeat();
  }

  private String newNodeName() {
    return link.nodeId() + ":open:" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public boolean tryOpen(String key, int max) {
    sync.readLock().lock();
    try {
      RedisCommands<String, String> redis = commandsIfUp();
      if (redis != null) {
        countOwn(key, Integer.MAX_VALUE);
        try {
          if (count(redis, key, 1, max) >= 0) {
            return true;
          }
          uncountOwn(key);
          return false;
        } catch (RuntimeException e) {
          uncountOwn(key);
          link.failed(e);
        }
      }
      dirty = true;
      return countOwn(key, max);
    } finally {
      sync.readLock().unlock();
    }
  }

  @Override
  public void close(String key) {
    sync.readLock().lock();
    try {
      uncountOwn(key);
      RedisCommands<String, String> redis = commandsIfUp();
      if (redis == null) {
        dirty = true;
        return;
      }
      try {
        count(redis, key, -1, 0);
      } catch (RuntimeException e) {
        dirty = true;
        link.failed(e);
      }
    } finally {
      sync.readLock().unlock();
    }
  }

  @Override
  public int open(String key) {
    RedisCommands<String, String> redis = commandsIfUp();
    if (redis != null) {
      try {
        return (int) count(redis, key, 0, 0);
      } catch (RuntimeException e) {
        link.failed(e);
      }
    }
    return own.getOrDefault(key, 0);
  }

  /** Counts one more of this node's own under {@code key} unless {@code max} are open. */
  private boolean countOwn(String key, int max) {
    boolean[] counted = {false};
    own.compute(
        key,
        (k, n) -> {
          counted[0] = n == null || n < max;
          return counted[0] ? (n == null ? 1 : n + 1) : n;
        });
    return counted[0];
  }

  private void uncountOwn(String key) {
    own.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  private long count(RedisCommands<String, String> redis, String key, int delta, int max) {
    Long total =
        redis.eval(
            COUNT,
            ScriptOutputType.INTEGER,
            new String[] {countPrefix + key},
            node,
            Integer.toString(delta),
            Integer.toString(max),
            nodePrefix);
    return total == null ? 0 : total;
  }

  /** Renews this node's liveness; rewrites its counts under a new identity when Redis lost them. */
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
      dirty = true;
      link.failed(e);
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
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<?>> writes = new ArrayList<>();
        own.forEach((key, n) -> writes.add(async.hset(countPrefix + key, next, n.toString())));
        if (!LettuceFutures.awaitAll(
            link.commandTimeout().toMillis() + writes.size(),
            TimeUnit.MILLISECONDS,
            writes.toArray(new RedisFuture<?>[0]))) {
          throw new IllegalStateException("open counts rewrite timed out");
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
      dirty = false;
    } finally {
      sync.writeLock().unlock();
    }
  }

  private RedisCommands<String, String> commandsIfUp() {
    StatefulRedisConnection<String, String> connection = link.commands();
    return connection != null && link.isUp() ? connection.sync() : null;
  }

  /** Stops renewing this node's liveness, as a crash would; for tests. */
  void stopHeartbeat() {
    stopped = true;
  }

  /** On a clean stop this node's sockets stop counting at once rather than after the TTL. */
  @PreDestroy
  void close() {
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
