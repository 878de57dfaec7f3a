package dev.parley.adapters.metrics;

import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.domain.error.DomainError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts the sends of every surface (REST and sockets) as they pass the send use case: accepted,
 * acked (committed and announced, with the time from the call to then) and refused by reason.
 */
public final class MeteredSendMessage implements SendMessageUseCase {
  private final SendMessageUseCase sends;
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter acked;
  private final Timer ackLatency;
  private final ConcurrentMap<String, Counter> refused = new ConcurrentHashMap<>();

  public MeteredSendMessage(SendMessageUseCase sends, MeterRegistry registry) {
    this.sends = sends;
    this.registry = registry;
    this.accepted =
        Counter.builder("parley.messages.accepted")
            .description("Sends that passed the checks and went to the store")
            .register(registry);
    this.acked =
        Counter.builder("parley.messages.acked")
            .description("Sends committed and announced (each acked after this)")
            .register(registry);
    this.ackLatency =
        Timer.builder("parley.messages.ack.latency")
            .description("From a send reaching the use case to its commit and announcement")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  @Override
  public SendResult send(SendMessageCommand command) {
    long start = System.nanoTime();
    SendResult result;
    try {
      result = sends.send(command);
    } catch (RuntimeException e) {
      refused(e);
      throw e;
    }
    accepted.increment();
    acked(start);
    return result;
  }

  @Override
  public CompletableFuture<SendResult> sendPipelined(SendMessageCommand command) {
    long start = System.nanoTime();
    CompletableFuture<SendResult> sent;
    try {
      sent = sends.sendPipelined(command);
    } catch (RuntimeException e) {
      refused(e);
      throw e;
    }
    accepted.increment();
    return sent.whenComplete(
        (result, failure) -> {
          if (failure == null) {
            acked(start);
          } else {
            refused(failure);
          }
        });
  }

  private void acked(long start) {
    acked.increment();
    ackLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private void refused(Throwable failure) {
    String reason = reason(failure);
    refused
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("parley.messages.refused")
                    .description("Sends refused, by reason (a domain error's kind, or unavailable)")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  /** A low-cardinality reason: the domain error's kind, else "failed". */
  static String reason(Throwable failure) {
    Throwable e =
        failure instanceof CompletionException wrapped && wrapped.getCause() != null
            ? wrapped.getCause()
            : failure;
    if (e instanceof DomainError domain) {
      return domain.kind().name().toLowerCase(Locale.ROOT);
    }
    return "failed";
  }
}
