package dev.parley.application.service;

import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.in.ListChannelsUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.ChannelCreated;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Permission;
import dev.parley.domain.server.Server;
import java.time.Clock;
import java.util.List;

/** Creating and listing the channels of a server. */
public final class ChannelServices implements CreateChannelUseCase, ListChannelsUseCase {
  private final ChannelRepository channels;
  private final ServerRepository servers;
  private final AccessGuard guard;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final CreationLimits limits;

  public ChannelServices(
      ChannelRepository channels,
      ServerRepository servers,
      AccessGuard guard,
      ChatEventPublisher events,
      Clock clock,
      CreationLimits limits) {
    this.channels = channels;
    this.servers = servers;
    this.guard = guard;
    this.events = events;
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public Channel create(CreateChannelCommand command) {
    Membership membership = guard.requireMember(command.actorId(), command.serverId());
    Server server =
        servers.findById(command.serverId()).orElseThrow(() -> new NotFound("Server not found"));
    boolean openRoom = server.isPublic() && command.kind() == ChannelKind.TEXT;
    if (!openRoom && !membership.allows(Permission.MANAGE_CHANNELS)) {
      throw new PermissionDenied("Only admins can create channels");
    }
    guard.requireActive(membership);
    CreationLimits.require(
        channels.listByServer(command.serverId()).size(),
        limits.channelsPerServer(),
        "channels in a server");
    Channel channel =
        channels.create(
            new NewChannel(
                command.serverId(),
                command.kind(),
                command.name(),
                command.description(),
                command.category(),
                command.position(),
                command.actorId(),
                clock.instant()));
    events.publish(new ChannelCreated(channel));
    return channel;
  }

  @Override
  public List<Channel> list(long userId, long serverId) {
    guard.requireMember(userId, serverId);
    return channels.listByServer(serverId);
  }
}
