package dev.parley.application.service;

import dev.parley.application.port.in.ChannelPresenceUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.ConnectionRegistry;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.realtime.ClientConnection;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.event.ChannelPresence;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.Topic;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Join and leave notices for single-channel sockets, with the users connected to the channel on
 * this node, and statuses users announce there. Nothing is stored. An invisible user is in no list
 * and causes no notice or status (the rule is {@link PresenceService#present}).
 */
public final class ChannelPresenceService implements ChannelPresenceUseCase {
  private static final Set<String> STATUSES =
      Set.of("online", "away", "idle", "busy", "dnd", "offline");

  private final ConnectionRegistry registry;
  private final ChannelRepository channels;
  private final UserRepository users;
  private final ChatEventPublisher events;
  private final PresenceService presence;

  public ChannelPresenceService(
      ConnectionRegistry registry,
      ChannelRepository channels,
      UserRepository users,
      ChatEventPublisher events,
      PresenceService presence) {
    this.registry = registry;
    this.channels = channels;
    this.users = users;
    this.events = events;
    this.presence = presence;
  }

  @Override
  public void joined(ClientConnection connection) {
    announce(connection, true);
  }

  @Override
  public void left(ClientConnection connection) {
    announce(connection, false);
  }

  @Override
  public void announceStatus(ClientConnection connection, String status) {
    String normalized = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
    if (!STATUSES.contains(normalized)) {
      throw new InvalidInput("status", "status must be one of " + new TreeSet<>(STATUSES));
    }
    Channel channel = channelOf(connection);
    if (channel == null || presence.hidden(connection.userId())) {
      return;
    }
    events.publish(
        new StatusChanged(
            connection.userId(),
            nameOf(connection.userId()),
            normalized,
            ChatEvent.channelAudience(channel.id(), channel.serverId())));
  }

  private void announce(ClientConnection connection, boolean joined) {
    Channel channel = channelOf(connection);
    if (channel == null || presence.hidden(connection.userId())) {
      return;
    }
    Set<Long> connected = new TreeSet<>();
    registry.forEachSubscriber(Topic.channel(channel.id()), c -> connected.add(c.userId()));
    List<Long> active = presence.present(connected);
    events.publish(
        new ChannelPresence(
            channel.id(),
            channel.serverId(),
            connection.userId(),
            nameOf(connection.userId()),
            joined,
            active));
  }

  private Channel channelOf(ClientConnection connection) {
    if (!(connection.scope() instanceof ConnectionScope.SingleChannel single)) {
      return null;
    }
    return channels.findById(single.channelId()).orElse(null);
  }

  private String nameOf(long userId) {
    return users.findById(userId).map(u -> u.username().value()).orElse("user-" + userId);
  }
}
