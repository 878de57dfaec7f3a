package dev.parley.adapters.registry;

import dev.parley.application.port.out.OpenCounts;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OpenCounts} in this node's memory: each key's count changes atomically, and a key at zero
 * is dropped, so memory follows what is open.
 */
@Singleton
@Requires(missingProperty = "redis.uri")
public class LocalOpenCounts implements OpenCounts {
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  @Override
  public boolean tryOpen(String key, int max) {
    boolean[] counted = {false};
    counts.compute(
        key,
        (k, n) -> {
          int current = n == null ? 0 : n;
          if (current >= max) {
            return n;
          }
          counted[0] = true;
          return current + 1;
        });
    return counted[0];
  }

  @Override
  public void close(String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  @Override
  public int open(String key) {
    return counts.getOrDefault(key, 0);
  }

  /** Keys with something open. */
  public int size() {
    return counts.size();
  }
}
