package dev.parley.adapters.redis;

import dev.parley.application.port.out.PresenceStore;
import dev.parley.domain.server.Presence;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PresenceStore} shared by every node through Redis. Each user has a hash of live connection
 * counts, one field per node; a field counts only while its node's liveness key exists, and that
 * key expires unless the node renews it, so a crashed node's users go offline by themselves within
 * the TTL. Chosen statuses are plain keys without expiry.
 *
 * <p>The node also keeps its own counts in memory: they answer while Redis is away, and when it
 * returns (or after any failed write) the node rewrites them under a new node identity, so stale
 * fields die with the old one. Requires a standalone Redis (or Sentinel): the scripts touch keys of
 * several users.
 */
@Singleton
@Requires(property = "redis.uri")
public class RedisPresenceStore implements PresenceStore {

  /** Adds a delta to this node's field, then sums the fields of live nodes, dropping dead ones. */
  private static final String CHANGE =
      """
      local key = KEYS[1]
      local delta = tonumber(ARGV[2])
      if delta ~= 0 then
        local n = redis.call('HINCRBY', key, ARGV[1], delta)
        if n == 0 then redis.call('HDEL', key, ARGV[1]) end
      end
      local total = 0
      local fields = redis.call('HGETALL', key)
      for i = 1, #fields, 2 do
        if redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then
          local c = tonumber(fields[i + 1])
          if c > 0 then total = total + c end
        else
          redis.call('HDEL', key, fields[i])
        end
      end
      return total
      """;

  /** For each user id: the live connection count and the chosen status ("" for none). */
  private static final String STATUSES =
      """
      local out = {}
      for i = 4, #ARGV do
        local key = ARGV[2] .. ARGV[i]
        local total = 0
        local fields = redis.call('HGETALL', key)
        for j = 1, #fields, 2 do
          if redis.call('EXISTS', ARGV[1] .. fields[j]) == 1 then
            local c = tonumber(fields[j + 1])
            if c > 0 then total = total + c end
          end
        end
        local chosen = redis.call('GET', ARGV[3] .. ARGV[i])
        out[#out + 1] = total
        out[#out + 1] = chosen or ''
      end
      return out
      """;

  private final String presencePrefix;
  private final String statusPrefix;

  private final Map<Long, Integer> localCounts = new ConcurrentHashMap<>();
  private final Map<Long, String> localChosen = new ConcurrentHashMap<>();

  /** Chosen statuses that could not be written; "" stands for a cleared one. */
  private final Map<Long, String> unwrittenChosen = new ConcurrentHashMap<>();

  private final RedisNodeLease lease;

  @Inject
  RedisPresenceStore(RedisLink link, RedisSettings settings) {
    this(link, settings.getPresenceTtl());
  }

  RedisPresenceStore(RedisLink link, Duration ttl) {
    this.presencePrefix = link.prefix() + "presence:";
    this.statusPrefix = link.prefix() + "status:";
    this.lease =
        new RedisNodeLease(
            link,
            ttl,
            "",
            new RedisNodeLease.Owner() {
              @Override
              public List<RedisFuture<?>> rewrite(
                  RedisAsyncCommands<String, String> redis, String node) {
                return rewriteUnder(redis, node);
              }

              @Override
              public void rewritten() {
                unwrittenChosen.clear();
              }
            });
  }

  @Override
  public int connected(long userId) {
    return change(userId, 1);
  }

  @Override
  public int disconnected(long userId) {
    return change(userId, -1);
  }

  private int change(long userId, int delta) {
    lease.shared().lock();
    try {
      int[] before = new int[1];
      Integer after =
          localCounts.compute(
              userId,
              (id, count) -> {
                before[0] = count == null ? 0 : count;
                int next = Math.max(0, before[0] + delta);
                return next == 0 ? null : next;
              });
      int local = after == null ? 0 : after;
      RedisCommands<String, String> redis = lease.commandsIfUp();
      if (redis == null) {
        lease.markDirty();
        return local;
      }
      try {
        Long total =
            redis.eval(
                CHANGE,
                ScriptOutputType.INTEGER,
                new String[] {presencePrefix + userId},
                lease.node(),
                Integer.toString(local - before[0]),
                lease.nodePrefix());
        return total.intValue();
      } catch (RuntimeException e) {
        lease.failed(e);
        return local;
      }
    } finally {
      lease.shared().unlock();
    }
  }

  @Override
  public void setChosenStatus(long userId, String status) {
    lease.shared().lock();
    try {
      if (status == null) {
        localChosen.remove(userId);
      } else {
        localChosen.put(userId, status);
      }
      RedisCommands<String, String> redis = lease.commandsIfUp();
      if (redis != null) {
        try {
          writeChosen(redis, userId, status);
          unwrittenChosen.remove(userId);
          return;
        } catch (RuntimeException e) {
          lease.failed(e);
        }
      }
      unwrittenChosen.put(userId, status == null ? "" : status);
      lease.markDirty();
    } finally {
      lease.shared().unlock();
    }
  }

  private void writeChosen(RedisCommands<String, String> redis, long userId, String status) {
    if (status == null || status.isEmpty()) {
      redis.del(statusPrefix + userId);
    } else {
      redis.set(statusPrefix + userId, status);
    }
  }

  @Override
  public Map<Long, String> statuses(Collection<Long> userIds) {
    Map<Long, String> statuses = new LinkedHashMap<>();
    if (userIds.isEmpty()) {
      return statuses;
    }
    List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(userIds));
    RedisCommands<String, String> redis = lease.commandsIfUp();
    if (redis != null) {
      try {
        String[] args = new String[ids.size() + 3];
        args[0] = lease.nodePrefix();
        args[1] = presencePrefix;
        args[2] = statusPrefix;
        for (int i = 0; i < ids.size(); i++) {
          args[i + 3] = Long.toString(ids.get(i));
        }
        List<Object> out = redis.eval(STATUSES, ScriptOutputType.MULTI, new String[0], args);
        for (int i = 0; i < ids.size(); i++) {
          int count = ((Long) out.get(2 * i)).intValue();
          String chosen = (String) out.get(2 * i + 1);
          statuses.put(ids.get(i), Presence.effective(count, chosen.isEmpty() ? null : chosen));
        }
        return statuses;
      } catch (RuntimeException e) {
        lease.failed(e);
      }
    }
    for (long id : ids) {
      statuses.put(id, Presence.effective(localCounts.getOrDefault(id, 0), localChosen.get(id)));
    }
    return statuses;
  }

  @Override
  public Set<Long> invisible(Collection<Long> userIds) {
    Set<Long> invisible = new LinkedHashSet<>();
    if (userIds.isEmpty()) {
      return invisible;
    }
    List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
    RedisCommands<String, String> redis = lease.commandsIfUp();
    if (redis != null) {
      try {
        String[] keys = ids.stream().map(id -> statusPrefix + id).toArray(String[]::new);
        List<KeyValue<String, String>> values = redis.mget(keys);
        for (int i = 0; i < ids.size(); i++) {
          if (Presence.INVISIBLE.equals(values.get(i).getValueOrElse(null))) {
            invisible.add(ids.get(i));
          }
        }
        return invisible;
      } catch (RuntimeException e) {
        lease.failed(e);
      }
    }
    // Redis away: this node's own choices still hide its users.
    for (long id : ids) {
      if (Presence.INVISIBLE.equals(localChosen.get(id))) {
        invisible.add(id);
      }
    }
    return invisible;
  }

  /** This node's counts and unwritten statuses, written again under a fresh identity. */
  private List<RedisFuture<?>> rewriteUnder(RedisAsyncCommands<String, String> redis, String node) {
    List<RedisFuture<?>> writes = new ArrayList<>();
    localCounts.forEach(
        (userId, count) -> writes.add(redis.hset(presencePrefix + userId, node, count.toString())));
    unwrittenChosen.forEach(
        (userId, status) ->
            writes.add(
                status.isEmpty()
                    ? redis.del(statusPrefix + userId)
                    : redis.set(statusPrefix + userId, status)));
    return writes;
  }

  /** Stops renewing this node's liveness, as a crash would; for tests. */
  void stopHeartbeat() {
    lease.stopHeartbeat();
  }

  /** On a clean stop this node's users go offline at once rather than after the TTL. */
  @PreDestroy
  void close() {
    lease.release();
  }
}
