package dev.parley.adapters.web.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sockets' meters, tagged by surface and frame type only (never a user or channel): open
 * sockets, frames in and out, rate-limit refusals, slow-consumer closes and queued bytes.
 */
@Singleton
public class SocketMetrics {
  /** Client frame types any surface accepts; anything else is counted as "other". */
  private static final Set<String> INBOUND_TYPES =
      Set.of(
          "add_reaction",
          "delete",
          "delete_message",
          "edit",
          "edit_message",
          "heartbeat",
          "mark_read",
          "message",
          "ping",
          "presence",
          "reaction",
          "remove_reaction",
          "resume",
          "send_message",
          "set_status",
          "status",
          "typing",
          "typing_start",
          "typing_stop");

  private static final int LONGEST_OUTBOUND_TYPE = 40;

  private final MeterRegistry registry;
  private final ConcurrentMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final DistributionSummary queueBytes;

  public SocketMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.queueBytes =
        DistributionSummary.builder("parley.socket.queue.bytes")
            .description("Bytes queued for one socket, sampled per socket every few seconds")
            .baseUnit("bytes")
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0)
            .maximumExpectedValue(8.0 * 1024 * 1024)
            .register(registry);
  }

  void opened(String surface) {
    open.computeIfAbsent(
            surface,
            s -> {
              AtomicInteger count = new AtomicInteger();
              Gauge.builder("parley.sockets.open", count, AtomicInteger::get)
                  .description("Open sockets on this node")
                  .tag("surface", s)
                  .register(registry);
              return count;
            })
        .incrementAndGet();
  }

  void closed(String surface) {
    AtomicInteger count = open.get(surface);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  void frameIn(String surface, String type) {
    String known = type != null && INBOUND_TYPES.contains(type) ? type : "other";
    counter("parley.socket.frames.in", "Frames received from clients", surface, "type", known)
        .increment();
  }

  void frameOut(String surface, String type) {
    counter("parley.socket.frames.out", "Frames sent to clients", surface, "type", type)
        .increment();
  }

  /** The type of a frame written by Parley itself ({@code {"type":"..."}} first), or "answer". */
  static String typeOf(String frame) {
    String prefix = "{\"type\":\"";
    if (!frame.startsWith(prefix)) {
      return "answer";
    }
    int end = frame.indexOf('"', prefix.length());
    if (end < 0 || end - prefix.length() > LONGEST_OUTBOUND_TYPE) {
      return "answer";
    }
    return frame.substring(prefix.length(), end);
  }

  void rateLimited(String surface) {
    counter("parley.rate.limited", "Writes refused for the rate", surface).increment();
  }

  void slowConsumerClosed(String surface) {
    counter("parley.socket.slow.consumer.closes", "Sockets closed for not reading", surface)
        .increment();
  }

  void queued(long bytes) {
    queueBytes.record(bytes);
  }

  private Counter counter(String name, String description, String surface, String... tags) {
    StringBuilder key = new StringBuilder(name).append('|').append(surface);
    for (String tag : tags) {
      key.append('|').append(tag);
    }
    return counters.computeIfAbsent(
        key.toString(),
        k ->
            Counter.builder(name)
                .description(description)
                .tag("surface", surface)
                .tags(tags)
                .register(registry));
  }
}
