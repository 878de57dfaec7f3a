package dev.parley.adapters.redis;

import dev.parley.application.port.out.OpenCounts;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

  private final String countPrefix;
  private final Map<String, Integer> own = new ConcurrentHashMap<>();
  private final RedisNodeLease lease;

  @Inject
  RedisOpenCounts(RedisLink link, RedisSettings settings) {
    this(link, settings.getPresenceTtl());
  }

  RedisOpenCounts(RedisLink link, Duration ttl) {
    this.countPrefix = link.prefix() + "open:";
    this.lease =
        new RedisNodeLease(
            link,
            ttl,
            "open:",
            (redis, node) -> {
              List<RedisFuture<?>> writes = new ArrayList<>();
              own.forEach(
                  (key, n) -> writes.add(redis.hset(countPrefix + key, node, n.toString())));
              return writes;
            });
  }

  @Override
  public boolean tryOpen(String key, int max) {
    lease.shared().lock();
    try {
      RedisCommands<String, String> redis = lease.commandsIfUp();
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
          lease.failed(e);
        }
      }
      lease.markDirty();
      return countOwn(key, max);
    } finally {
      lease.shared().unlock();
    }
  }

  @Override
  public void close(String key) {
    lease.shared().lock();
    try {
      uncountOwn(key);
      RedisCommands<String, String> redis = lease.commandsIfUp();
      if (redis == null) {
        lease.markDirty();
        return;
      }
      try {
        count(redis, key, -1, 0);
      } catch (RuntimeException e) {
        lease.failed(e);
      }
    } finally {
      lease.shared().unlock();
    }
  }

  @Override
  public int open(String key) {
    RedisCommands<String, String> redis = lease.commandsIfUp();
    if (redis != null) {
      try {
        return (int) count(redis, key, 0, 0);
      } catch (RuntimeException e) {
        lease.failed(e);
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
            lease.node(),
            Integer.toString(delta),
            Integer.toString(max),
            lease.nodePrefix());
    return total == null ? 0 : total;
  }

  /** Stops renewing this node's liveness, as a crash would; for tests. */
  void stopHeartbeat() {
    lease.stopHeartbeat();
  }

  /** On a clean stop this node's sockets stop counting at once rather than after the TTL. */
  @PreDestroy
  void close() {
    lease.release();
  }
}
