package dev.parley.adapters.redis;

import dev.parley.application.port.out.RateBudget;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@link RateBudget} every node shares through Redis: one token bucket per key, refilled in a Lua
 * script on Redis's own clock, so N nodes together allow the rate once, not N times. While the link
 * is down (or a command fails) the node answers from its own {@code fallback} buckets, so a limit
 * always applies; the shared buckets simply resume when Redis returns.
 */
public final class RedisRateBudget implements RateBudget {

  /**
   * Refills the bucket for the time since its last use, takes a token if there is one; returns 0
   * when taken, else the milliseconds until a token is back. Buckets expire once they would be full
   * again, so idle keys cost nothing.
   */
  private static final String TAKE =
      """
      local capacity = tonumber(ARGV[1])
      local per_ms = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
      local tokens = tonumber(state[1])
      local at = tonumber(state[2])
      if tokens == nil or at == nil then
        tokens = capacity
        at = now
      end
      if now > at then
        tokens = math.min(capacity, tokens + (now - at) * per_ms)
      end
      local wait = 0
      if tokens >= 1 then
        tokens = tokens - 1
      else
        wait = math.max(1, math.ceil((1 - tokens) / per_ms))
      end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
      return wait
      """;

  private static final String TAKE_SHA = sha1(TAKE);

  private final RedisLink link;
  private final String keyPrefix;
  private final String capacity;
  private final String perMillisecond;
  private final RateBudget fallback;

  /**
   * A budget named {@code name} (its keys are {@code <prefix>rate:<name>:<key>}) of {@code
   * capacity} tokens, {@code refill} of them back evenly over each {@code period}; {@code fallback}
   * answers while Redis is away.
   */
  public RedisRateBudget(
      RedisLink link,
      String name,
      long capacity,
      long refill,
      Duration period,
      RateBudget fallback) {
    if (capacity < 1 || refill < 1 || period.toMillis() < 1) {
      throw new IllegalArgumentException(
          "a rate budget needs a positive capacity, rate and period");
    }
    this.link = link;
    this.keyPrefix = link.prefix() + "rate:" + name + ":";
    this.capacity = Long.toString(capacity);
    this.perMillisecond = Double.toString((double) refill / period.toMillis());
    this.fallback = fallback;
  }

  @Override
  public Optional<Duration> tryTake(String key) {
    StatefulRedisConnection<String, String> connection = link.commands();
    if (connection == null || !link.isUp()) {
      return fallback.tryTake(key);
    }
    try {
      long waitMillis = take(connection.sync(), keyPrefix + key);
      return waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    } catch (RuntimeException e) {
      link.failed(e);
      return fallback.tryTake(key);
    }
  }

  private long take(RedisCommands<String, String> redis, String key) {
    String[] keys = {key};
    Long wait;
    try {
      wait = redis.evalsha(TAKE_SHA, ScriptOutputType.INTEGER, keys, capacity, perMillisecond);
    } catch (RedisNoScriptException notLoadedYet) {
      // First use on this Redis (or after a restart emptied its script cache).
      wait = redis.eval(TAKE, ScriptOutputType.INTEGER, keys, capacity, perMillisecond);
    }
    return wait == null ? 0 : wait;
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
