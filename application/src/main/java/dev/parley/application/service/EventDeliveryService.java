package dev.parley.application.service;

import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ClientConnection.CloseReason;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.application.realtime.DeliveredChanges;
import dev.parley.application.realtime.OutboundEvent;
import dev.parley.domain.event.ChannelChange;
import dev.parley.domain.event.ChannelDeleted;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.ConversationCreated;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.event.ThreadCreated;
import dev.parley.domain.event.Topic;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Routes a committed event to this node's connections. Membership changes move subscriptions so the
 * visibility rule holds for fan-out too: a new member follows the server before the event is sent;
 * a removed one hears of the removal and then nothing more. Each logged channel change passes once,
 * however many paths bring it here.
 *
 * <p>Before moving subscriptions for a change of someone's servers or conversations, it tells the
 * membership store, which may keep reaches in memory ({@link MembershipRepository#reachChanged}): a
 * gateway connect that reads the reach after this point sees the change, even when the store's own
 * notice of it (from another node) is still on its way. Without that, a connect racing a removal
 * could subscribe from a stale reach after the removal's revoke ran, and stay subscribed.
 */
public final class EventDeliveryService implements DeliverEventUseCase {
  private static final System.Logger LOG = System.getLogger(EventDeliveryService.class.getName());
  private final ConnectionRegistry registry;
  private final MembershipRepository memberships;
  private final DeliveredChanges delivered;

  public EventDeliveryService(ConnectionRegistry registry, MembershipRepository memberships) {
    this(registry, memberships, new DeliveredChanges());
  }

  public EventDeliveryService(
      ConnectionRegistry registry, MembershipRepository memberships, DeliveredChanges delivered) {
    this.registry = registry;
    this.memberships = memberships;
    this.delivered = delivered;
  }

  @Override
  public void deliver(ChatEvent event) {
    if (event instanceof ChannelChange change
        && !delivered.firstDelivery(change.channelId(), change.pos())) {
      return;
    }
    if (event instanceof MemberJoined joined) {
      memberships.reachChanged(joined.userId());
      for (ClientConnection c : registry.connectionsOf(joined.userId())) {
        if (c.scope() instanceof ConnectionScope.Everything) {
          registry.subscribe(c, Topic.server(joined.serverId()));
        }
      }
      fanOut(event);
    } else if (event instanceof ConversationCreated created) {
      follow(created.participantIds(), Topic.channel(created.channel().id()));
      fanOut(event);
    } else if (event instanceof ThreadCreated created && !created.participantIds().isEmpty()) {
      // A conversation's thread: its participants' connections follow it from now on.
      follow(created.participantIds(), Topic.channel(created.thread().id()));
      fanOut(event);
    } else if (event instanceof ChannelDeleted deleted) {
      fanOut(event);
      delivered.forget(deleted.channelId());
      Topic channel = Topic.channel(deleted.channelId());
      registry.forEachSubscriber(
          channel,
          c -> {
            if (c.scope() instanceof ConnectionScope.SingleChannel) {
              c.close(CloseReason.ACCESS_REVOKED);
            }
            registry.unsubscribe(c, channel);
          });
    } else if (event instanceof MemberLeft left) {
      memberships.reachChanged(left.userId());
      fanOut(event);
      for (ClientConnection c : registry.connectionsOf(left.userId())) {
        revoke(c, left.serverId());
      }
    } else if (event instanceof ServerDeleted deleted) {
      fanOut(event);
      Topic server = Topic.server(deleted.serverId());
      registry.forEachSubscriber(server, c -> registry.unsubscribe(c, server));
      for (ClientConnection c : registry.boundTo(deleted.serverId())) {
        c.close(CloseReason.ACCESS_REVOKED);
      }
    } else if (event instanceof SessionEnded ended) {
      for (ClientConnection c : registry.connectionsOf(ended.userId())) {
        if (ended.ends(c.sessionId())) {
          c.close(CloseReason.SESSION_ENDED);
        }
      }
    } else {
      fanOut(event);
    }
  }

  /** The gateway connections of these users follow a new channel; their reaches are reread. */
  private void follow(List<Long> userIds, Topic channel) {
    for (long userId : userIds) {
      memberships.reachChanged(userId);
      for (ClientConnection c : registry.connectionsOf(userId)) {
        if (c.scope() instanceof ConnectionScope.Everything) {
          registry.subscribe(c, channel);
        }
      }
    }
  }

  private void revoke(ClientConnection connection, long serverId) {
    if (connection.scope() instanceof ConnectionScope.Everything) {
      registry.unsubscribe(connection, Topic.server(serverId));
    } else if (registry.boundTo(serverId).contains(connection)) {
      connection.close(CloseReason.ACCESS_REVOKED);
    }
  }

  private void fanOut(ChatEvent event) {
    OutboundEvent outbound = new OutboundEvent(event);
    if (event.overlappingAudience()) {
      Set<ClientConnection> reached = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Topic topic : event.audience()) {
        registry.forEachSubscriber(
            topic,
            c -> {
              if (reached.add(c)) {
                deliverTo(c, outbound);
              }
            });
      }
      return;
    }
    for (Topic topic : event.audience()) {
      registry.forEachSubscriber(topic, c -> deliverTo(c, outbound));
    }
  }

  /** One failing connection must not stop delivery to the others. */
  private static void deliverTo(ClientConnection connection, OutboundEvent event) {
    try {
      connection.deliver(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "delivery to " + connection.id() + " failed", e);
    }
  }
}
