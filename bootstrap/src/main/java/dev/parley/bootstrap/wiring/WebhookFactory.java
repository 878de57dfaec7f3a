package dev.parley.bootstrap.wiring;

import dev.parley.adapters.webhook.HttpWebhookSender;
import dev.parley.adapters.webhook.WebhookJobs;
import dev.parley.adapters.webhook.WebhookTargets;
import dev.parley.application.port.in.RunWebhooksUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.WebhookOutbox;
import dev.parley.application.port.out.WebhookSender;
import dev.parley.application.port.out.WebhookStore;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.WebhookRunner;
import dev.parley.application.service.WebhookService;
import dev.parley.bootstrap.config.WebhookSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/**
 * Builds outgoing webhooks: the management use case, the feeder and dispatcher, the HTTP sender
 * with the SSRF lists, and the polling threads (unless {@code parley.webhooks.enabled=false}).
 */
@Factory
class WebhookFactory {

  @Singleton
  WebhookSender webhookSender(WebhookSettings settings, Clock clock) {
    return new HttpWebhookSender(
        new WebhookTargets(
            Set.copyOf(settings.getAllowedHosts()), Set.copyOf(settings.getDeniedHosts())),
        settings.getConnectTimeout(),
        settings.getReadTimeout(),
        clock);
  }

  @Singleton
  WebhookService webhooks(
      WebhookStore store,
      WebhookSender sender,
      AccessGuard guard,
      Clock clock,
      WebhookSettings settings) {
    return new WebhookService(store, sender, guard, clock, settings.getMaxPerServer());
  }

  @Singleton
  WebhookRunner webhookRunner(
      WebhookStore store,
      WebhookOutbox outbox,
      WebhookSender sender,
      ChannelChangeLog changes,
      ChannelRepository channels,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      Transactions transactions,
      Clock clock,
      WebhookSettings settings) {
    return new WebhookRunner(
        store,
        outbox,
        sender,
        changes,
        channels,
        messages,
        users,
        attachments,
        transactions,
        clock,
        new WebhookRunner.Policy(
            settings.getFirstRetry(),
            settings.getMaxRetry(),
            settings.getDisableAfterFailures(),
            settings.getReadTimeout().plus(settings.getConnectTimeout()).multipliedBy(4),
            100,
            5,
            settings.getDeliveryLogRetention()));
  }

  // @Context: polling starts with the application; closed (threads stopped) with it.
  @Context
  @Bean(preDestroy = "close")
  @Requires(property = "parley.webhooks.enabled", notEquals = "false")
  WebhookJobs webhookJobs(RunWebhooksUseCase webhooks, WebhookSettings settings) {
    WebhookJobs jobs =
        new WebhookJobs(webhooks, settings.getPollInterval(), settings.getDeliveryThreads());
    jobs.start();
    return jobs;
  }
}
