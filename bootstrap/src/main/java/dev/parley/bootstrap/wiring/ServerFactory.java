package dev.parley.bootstrap.wiring;

import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.InviteRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard;
import dev.parley.application.service.ChannelServices;
import dev.parley.application.service.CreationLimits;
import dev.parley.application.service.InviteServices;
import dev.parley.application.service.MemberServices;
import dev.parley.application.service.ModerationServices;
import dev.parley.application.service.RoomServices;
import dev.parley.application.service.ServerServices;
import dev.parley.bootstrap.config.CreationLimitSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the use cases of servers: channels, rooms, members, moderation and invites. */
@Factory
class ServerFactory {

  @Singleton
  CreationLimits creationLimits(CreationLimitSettings settings) {
    return new CreationLimits(
        settings.getServersPerOwner(),
        settings.getChannelsPerServer(),
        settings.getInvitesPerServer());
  }

  @Singleton
  ServerServices servers(
      ServerRepository servers,
      MembershipRepository memberships,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    return new ServerServices(servers, memberships, users, guard, tx, events, clock, limits);
  }

  @Singleton
  ChannelServices channels(
      ChannelRepository channels,
      ServerRepository servers,
      AccessGuard guard,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    return new ChannelServices(channels, servers, guard, events, clock, limits);
  }

  @Singleton
  MemberServices members(
      MembershipRepository memberships,
      ServerRepository servers,
      UserRepository users,
      BanRepository bans,
      AccessGuard guard,
      ChatEventPublisher events,
      Clock clock) {
    return new MemberServices(memberships, servers, users, bans, guard, events, clock);
  }

  @Singleton
  ModerationServices moderation(
      ServerRepository servers,
      ChannelRepository channels,
      MembershipRepository memberships,
      BanRepository bans,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    return new ModerationServices(
        servers, channels, memberships, bans, users, guard, tx, events, clock);
  }

  @Singleton
  InviteServices invites(
      InviteRepository invites,
      ServerRepository servers,
      MembershipRepository memberships,
      BanRepository bans,
      UserRepository users,
      AccessGuard guard,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    return new InviteServices(
        invites, servers, memberships, bans, users, guard, tx, events, clock, limits);
  }

  @Singleton
  RoomServices rooms(
      ChannelRepository channels, AccessGuard guard, CreateChannelUseCase createChannel) {
    return new RoomServices(channels, guard, createChannel);
  }
}
