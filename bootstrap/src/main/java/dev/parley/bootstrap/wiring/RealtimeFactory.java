package dev.parley.bootstrap.wiring;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.PresenceStore;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.realtime.DeliveredChanges;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.ChangeFeedService;
import dev.parley.application.service.ChannelPresenceService;
import dev.parley.application.service.EventDeliveryService;
import dev.parley.application.service.GapRepairService;
import dev.parley.application.service.GatewayService;
import dev.parley.application.service.PresenceService;
import dev.parley.application.service.ResumeService;
import dev.parley.application.service.TypingService;
import dev.parley.bootstrap.config.PresenceSettings;
import dev.parley.bootstrap.config.ResumeSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the use cases of live connections: gateway, delivery, presence, typing, resume, repair.
 */
@Factory
class RealtimeFactory {

  @Singleton
  GatewayService gateway(
      ConnectionRegistry registry,
      MembershipRepository memberships,
      AccessGuard guard,
      PresenceService presence) {
    return new GatewayService(registry, memberships, guard, presence);
  }

  @Singleton
  PresenceService presence(
      PresenceStore store,
      MembershipRepository memberships,
      UserRepository users,
      ChatEventPublisher events,
      PresenceSettings settings) {
    return new PresenceService(store, memberships, users, events, settings.getLargeServerMembers());
  }

  @Singleton
  ChannelPresenceService channelPresence(
      ConnectionRegistry registry,
      ChannelRepository channels,
      UserRepository users,
      ChatEventPublisher events,
      PresenceService presence) {
    return new ChannelPresenceService(registry, channels, users, events, presence);
  }

  @Singleton
  TypingService typing(
      AccessGuard guard,
      UserRepository users,
      ChatEventPublisher events,
      Clock clock,
      PresenceService presence) {
    return new TypingService(guard, users, events, clock, presence);
  }

  @Singleton
  DeliveredChanges deliveredChanges() {
    return new DeliveredChanges();
  }

  @Singleton
  EventDeliveryService eventDelivery(
      ConnectionRegistry registry, MembershipRepository memberships, DeliveredChanges delivered) {
    return new EventDeliveryService(registry, memberships, delivered);
  }

  @Singleton
  ChangeFeedService changeFeed(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments) {
    return new ChangeFeedService(guard, changes, messages, users, attachments);
  }

  @Singleton
  GapRepairService gapRepair(
      ChannelChangeLog changes,
      ChannelRepository channels,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      DeliveredChanges delivered,
      EventDeliveryService delivery) {
    return new GapRepairService(
        changes, channels, messages, users, attachments, delivered, delivery);
  }

  @Singleton
  ResumeService resume(
      AccessGuard guard,
      ChannelChangeLog changes,
      MessageRepository messages,
      UserRepository users,
      AttachmentRepository attachments,
      ResumeSettings settings) {
    return new ResumeService(
        guard,
        changes,
        messages,
        users,
        attachments,
        settings.getMaxPerChannel(),
        settings.getMaxTotal());
  }
}
