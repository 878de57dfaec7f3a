package dev.parley.application.service;

import dev.parley.application.port.in.SetTypingUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.TypingChanged;
import java.time.Clock;

/**
 * Relays typing indicators to those who can see the channel; nothing is stored. An invisible user's
 * typing is not relayed: it would show them as here.
 */
public final class TypingService implements SetTypingUseCase {
  private final AccessGuard guard;
  private final UserRepository users;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final PresenceService presence;

  public TypingService(
      AccessGuard guard,
      UserRepository users,
      ChatEventPublisher events,
      Clock clock,
      PresenceService presence) {
    this.guard = guard;
    this.users = users;
    this.events = events;
    this.clock = clock;
    this.presence = presence;
  }

  @Override
  public void setTyping(long userId, long channelId, ChannelExpectation expected, boolean typing) {
    AccessGuard.ChannelAccess access = guard.requireChannel(userId, channelId, expected);
    AccessGuard.requireNotTimedOut(access, clock.instant());
    if (presence.hidden(userId)) {
      return;
    }
    Channel channel = access.channel();
    String username =
        users.findById(userId).orElseThrow(() -> new NotFound("User not found")).username().value();
    events.publish(new TypingChanged(channel.id(), channel.serverId(), userId, username, typing));
  }
}
