package dev.parley.adapters.redis;

import dev.parley.application.port.out.LoginThrottle;
import dev.parley.domain.error.RateLimited;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link LoginThrottle} every node shares through Redis, with the semantics of the in-memory one:
 * token buckets per (account, address) and per account, refilled in a Lua script on Redis's clock,
 * so guesses spread over N nodes count once, not N times. While the link is down (or a command
 * fails) the node's own {@code fallback} answers, so a limit always applies.
 */
public final class RedisLoginThrottle implements LoginThrottle {
  private static final String REFUSED =
      "Too many failed logins for this account from this address; wait before trying again";

  /** Longer keys are hashed: made-up names of any length then cost Redis a fixed-size key. */
  private static final int MAX_KEY = 100;

  /**
   * One script for the three operations so each is atomic on Redis. KEYS: the pair bucket, the
   * account bucket. ARGV: the operation, then capacity and tokens per millisecond of the pair and
   * of the account buckets. {@code attempt} returns 0 when allowed, -1 when allowed after the
   * ceiling delay (a clean address past the account's ceiling), else the milliseconds to wait;
   * {@code failed} and {@code succeeded} return 0. Buckets expire once they would be full again, as
   * a full bucket says nothing.
   */
  private static final String SCRIPT =
      """
      local op = ARGV[1]
      local pair_cap = tonumber(ARGV[2])
      local pair_rate = tonumber(ARGV[3])
      local account_cap = tonumber(ARGV[4])
      local account_rate = tonumber(ARGV[5])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local function load(key, cap, rate)
        local state = redis.call('HMGET', key, 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then
          return nil
        end
        if now > at then
          tokens = math.min(cap, tokens + (now - at) * rate)
        end
        return tokens
      end
      local function store(key, tokens, cap, rate)
        redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', key, math.ceil((cap - tokens) / rate) + 1000)
      end
      if op == 'attempt' then
        local pair = load(KEYS[1], pair_cap, pair_rate) or pair_cap
        if pair < 1 then
          return math.max(1, math.ceil((1 - pair) / pair_rate))
        end
        pair = pair - 1
        local account = load(KEYS[2], account_cap, account_rate)
        if account == nil or account >= 1 then
          store(KEYS[1], pair, pair_cap, pair_rate)
          return 0
        end
        -- Past the account-wide ceiling: an address that already failed here is refused (and
        -- keeps its token), one without failures may be the owner and gets its try, later.
        if pair < pair_cap - 1 then
          return math.max(1, math.ceil((1 - account) / account_rate))
        end
        store(KEYS[1], pair, pair_cap, pair_rate)
        return -1
      elseif op == 'failed' then
        local account = load(KEYS[2], account_cap, account_rate) or account_cap
        if account >= 1 then
          account = account - 1
        end
        store(KEYS[2], account, account_cap, account_rate)
        return 0
      elseif op == 'succeeded' then
        local pair = load(KEYS[1], pair_cap, pair_rate)
        if pair ~= nil then
          store(KEYS[1], math.min(pair_cap, pair + 1), pair_cap, pair_rate)
        end
        return 0
      end
      return redis.error_reply('unknown operation')
      """;

  private static final String SCRIPT_SHA = sha1(SCRIPT);

  private final RedisLink link;
  private final String pairPrefix;
  private final String accountPrefix;
  private final String pairCapacity;
  private final String pairPerMillisecond;
  private final String accountCapacity;
  private final String accountPerMillisecond;
  private final Duration ceilingDelay;
  private final LoginThrottle fallback;

  /**
   * The settings of {@code parley.security.login.*}; keys are {@code <prefix>login:pair:...} and
   * {@code <prefix>login:account:...}; {@code fallback} answers while Redis is away.
   */
  public RedisLoginThrottle(
      RedisLink link,
      long pairFailures,
      Duration pairWindow,
      long accountFailures,
      Duration accountWindow,
      Duration ceilingDelay,
      LoginThrottle fallback) {
    if (pairFailures < 1
        || accountFailures < 1
        || pairWindow.toMillis() < 1
        || accountWindow.toMillis() < 1
        || ceilingDelay.isNegative()) {
      throw new IllegalArgumentException("parley.security.login: limits must be positive");
    }
    this.link = link;
    this.pairPrefix = link.prefix() + "login:pair:";
    this.accountPrefix = link.prefix() + "login:account:";
    this.pairCapacity = Long.toString(pairFailures);
    this.pairPerMillisecond = Double.toString((double) pairFailures / pairWindow.toMillis());
    this.accountCapacity = Long.toString(accountFailures);
    this.accountPerMillisecond =
        Double.toString((double) accountFailures / accountWindow.toMillis());
    this.ceilingDelay = ceilingDelay;
    this.fallback = fallback;
  }

  @Override
  public void attempt(String account, String address) {
    long answer;
    try {
      Long result = run("attempt", account, address);
      if (result == null) {
        fallback.attempt(account, address);
        return;
      }
      answer = result;
    } catch (RuntimeException e) {
      link.failed(e);
      fallback.attempt(account, address);
      return;
    }
    if (answer > 0) {
      throw new RateLimited(REFUSED, Duration.ofMillis(answer));
    }
    if (answer < 0 && !ceilingDelay.isZero()) {
      // Outside the script: Redis is not held up while a clean address waits.
      LockSupport.parkNanos(ceilingDelay.toNanos());
    }
  }

  @Override
  public void failed(String account, String address) {
    try {
      if (run("failed", account, address) == null) {
        fallback.failed(account, address);
      }
    } catch (RuntimeException e) {
      link.failed(e);
      fallback.failed(account, address);
    }
  }

  @Override
  public void succeeded(String account, String address) {
    try {
      if (run("succeeded", account, address) == null) {
        fallback.succeeded(account, address);
      }
    } catch (RuntimeException e) {
      link.failed(e);
      fallback.succeeded(account, address);
    }
  }

  /** The script's answer, or null when the link is down and the fallback should answer. */
  private Long run(String operation, String account, String address) {
    StatefulRedisConnection<String, String> connection = link.commands();
    if (connection == null || !link.isUp()) {
      return null;
    }
    String pairKey = pairPrefix + key(account + "\n" + (address == null ? "unknown" : address));
    String accountKey = accountPrefix + key(account);
    Long answer = eval(connection.sync(), new String[] {pairKey, accountKey}, operation);
    return answer == null ? 0L : answer;
  }

  private Long eval(RedisCommands<String, String> redis, String[] keys, String operation) {
    String[] args = {
      operation, pairCapacity, pairPerMillisecond, accountCapacity, accountPerMillisecond
    };
    try {
      return redis.evalsha(SCRIPT_SHA, ScriptOutputType.INTEGER, keys, args);
    } catch (RedisNoScriptException notLoadedYet) {
      // First use on this Redis (or after a restart emptied its script cache).
      return redis.eval(SCRIPT, ScriptOutputType.INTEGER, keys, args);
    }
  }

  private static String key(String raw) {
    return raw.length() > MAX_KEY ? "sha1:" + sha1(raw) : raw;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
