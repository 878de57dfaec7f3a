package dev.parley.bootstrap.wiring;

import dev.parley.adapters.redis.RedisLink;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageExport;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.ExportService;
import dev.parley.bootstrap.config.ExportSettings;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the data-export use case, with a rate budget of its own: made here rather than as a bean,
 * since the write budget is the one {@code RateBudget} bean others inject unqualified.
 */
@Factory
class ExportFactory {

  @Singleton
  ExportService exports(
      UserRepository users,
      ServerRepository servers,
      ChannelRepository channels,
      ThreadRepository threads,
      MessageExport messages,
      AccessGuard guard,
      Clock clock,
      ExportSettings settings,
      BeanProvider<RedisLink> redis) {
    long burst = settings.getBurst();
    return new ExportService(
        users,
        servers,
        channels,
        threads,
        messages,
        guard,
        SharedLimitsFactory.budget(redis, "exports", burst, burst, settings.getInterval()),
        clock,
        settings.getPageSize());
  }
}
