package dev.parley.bootstrap.wiring;

import dev.parley.application.port.out.ChannelAccessReader;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.service.AccessGuard;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** What the use cases of every area share: the clock and the access guard. */
@Factory
class CoreFactory {

  /** UTC, ticking in microseconds: what PostgreSQL {@code timestamptz} stores. */
  @Singleton
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }

  @Singleton
  AccessGuard accessGuard(
      ChannelRepository channels,
      MembershipRepository memberships,
      ChannelAccessReader views,
      ServerRepository servers,
      Clock clock) {
    return new AccessGuard(channels, memberships, views, servers, clock);
  }
}
