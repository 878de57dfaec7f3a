package dev.parley.application.service;

import dev.parley.application.port.in.GatewayUseCase;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MembershipRepository.Reach;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.Topic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscribes connections to the topics their user may see. Connections register before their
 * subscriptions are read, so a membership change racing the connect is not lost.
 */
public final class GatewayService implements GatewayUseCase {
  private final ConnectionRegistry registry;
  private final MembershipRepository memberships;
  private final AccessGuard guard;
  private final PresenceService presence;
  private final Set<String> attached = ConcurrentHashMap.newKeySet();

  public GatewayService(
      ConnectionRegistry registry,
      MembershipRepository memberships,
      AccessGuard guard,
      PresenceService presence) {
    this.registry = registry;
    this.memberships = memberships;
    this.guard = guard;
    this.presence = presence;
  }

  @Override
  public void open(ClientConnection connection) {
    registry.register(connection);
    if (connection.scope() instanceof ConnectionScope.SingleChannel single) {
      registry.subscribe(connection, Topic.channel(single.channelId()));
    } else {
      registry.subscribe(connection, Topic.user(connection.userId()));
    }
  }

  @Override
  public void attach(ClientConnection connection) {
    long userId = connection.userId();
    if (connection.scope() instanceof ConnectionScope.SingleChannel single) {
      Channel channel;
      try {
        channel = guard.requireChannel(userId, single.channelId(), single.expected()).channel();
      } catch (NotFound invisible) {
        registry.unregister(connection);
        throw invisible;
      }
      if (channel.serverId() != null) {
        registry.bind(connection, channel.serverId());
        // The reach, not find: kept in memory, and fresh after any MemberLeft delivered here.
        if (!memberships.reachOf(userId).serverIds().contains(channel.serverId())) {
          // Removed between the check and the bind: the removal's clean-up did not see us.
          registry.unregister(connection);
          throw new NotFound("Channel not found");
        }
      }
    } else {
      Reach reach = memberships.reachOf(userId);
      followServers(connection, reach.serverIds());
      for (long conversationId : reach.conversationIds()) {
        registry.subscribe(connection, Topic.channel(conversationId));
      }
      for (long threadId : reach.conversationThreadIds()) {
        registry.subscribe(connection, Topic.channel(threadId));
      }
    }
    if (attached.add(connection.id())) {
      presence.connected(userId);
    }
  }

  /**
   * Subscribes the user's servers, then reads them again: a removal that committed between the
   * first read and a subscribe had its MemberLeft find nothing to revoke, so the second read must
   * see it (one that comes later revokes the subscription itself). It does, even from memory: the
   * MemberLeft's delivery here told the store to forget the user's reach before revoking. A server
   * gone from the second read is dropped, unless the user rejoined meanwhile (the rejoin's
   * subscribe may have landed just before our unsubscribe). In steady state both reads are answered
   * from memory.
   */
  private void followServers(ClientConnection connection, List<Long> servers) {
    long userId = connection.userId();
    for (long serverId : servers) {
      registry.subscribe(connection, Topic.server(serverId));
    }
    if (servers.isEmpty()) {
      return;
    }
    Set<Long> still = new HashSet<>(memberships.reachOf(userId).serverIds());
    for (long serverId : servers) {
      // Ends either unsubscribed after seeing no membership (a later rejoin subscribes us) or
      // subscribed after seeing one (a later removal unsubscribes us).
      boolean member = still.contains(serverId);
      while (!member) {
        registry.unsubscribe(connection, Topic.server(serverId));
        if (memberships.find(serverId, userId).isEmpty()) {
          break;
        }
        registry.subscribe(connection, Topic.server(serverId));
        member = memberships.find(serverId, userId).isPresent();
      }
    }
  }

  /** Opens and attaches in one go, for callers that need no early subscription. */
  public void connect(ClientConnection connection) {
    open(connection);
    attach(connection);
  }

  @Override
  public void disconnect(ClientConnection connection) {
    registry.unregister(connection);
  }

  @Override
  public void release(ClientConnection connection) {
    if (attached.remove(connection.id())) {
      presence.disconnected(connection.userId());
    }
  }
}
