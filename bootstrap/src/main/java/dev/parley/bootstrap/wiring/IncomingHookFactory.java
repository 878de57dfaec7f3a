package dev.parley.bootstrap.wiring;

import dev.parley.adapters.redis.RedisLink;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.IncomingHookRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.IncomingHookService;
import dev.parley.application.service.SendMessageService;
import dev.parley.bootstrap.config.IncomingHookSettings;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the incoming-webhook use case on the send use case, with a rate budget per webhook of its
 * own (shared by every node through Redis when there is one).
 */
@Factory
class IncomingHookFactory {

  @Singleton
  IncomingHookService incomingHooks(
      AccessGuard guard,
      ChannelRepository channels,
      UserRepository users,
      IncomingHookRepository hooks,
      SendMessageService sender,
      Transactions tx,
      Clock clock,
      IncomingHookSettings settings,
      BeanProvider<RedisLink> redis) {
    long burst = settings.getBurst();
    return new IncomingHookService(
        guard,
        channels,
        users,
        hooks,
        sender,
        SharedLimitsFactory.budget(redis, "incoming-hooks", burst, 1, settings.getInterval()),
        tx,
        clock);
  }
}
