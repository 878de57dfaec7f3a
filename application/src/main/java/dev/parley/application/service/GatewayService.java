package dev.parley.application.service;

import dev.parley.application.port.in.GatewayUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.Topic;

/**
 * Subscribes connections to the topics their user may see. Gateway connections register before
 * their subscriptions are read, so a membership change racing the connect is not lost.
 */
public final class GatewayService implements GatewayUseCase {
  private final ConnectionRegistry registry;
  private final MembershipRepository memberships;
  private final ChannelRepository channels;
  private final AccessGuard guard;

  public GatewayService(
      ConnectionRegistry registry,
      MembershipRepository memberships,
      ChannelRepository channels,
      AccessGuard guard) {
    this.registry = registry;
    this.memberships = memberships;
    this.channels = channels;
    this.guard = guard;
  }

  @Override
  public void connect(ClientConnection connection) {
    long userId = connection.userId();
    if (connection.scope() instanceof ConnectionScope.SingleChannel single) {
      Channel channel =
          guard.requireChannel(userId, single.channelId(), single.expectedServerId()).channel();
      registry.register(connection, channel.serverId());
      registry.subscribe(connection, Topic.channel(channel.id()));
      return;
    }
    registry.register(connection, null);
    registry.subscribe(connection, Topic.user(userId));
    for (long serverId : memberships.serverIdsOf(userId)) {
      registry.subscribe(connection, Topic.server(serverId));
    }
    for (Channel conversation : channels.conversationsOf(userId)) {
      registry.subscribe(connection, Topic.channel(conversation.id()));
    }
  }

  @Override
  public void disconnect(ClientConnection connection) {
    registry.unregister(connection);
  }
}
