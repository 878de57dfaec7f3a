package dev.parley.application.service;

import dev.parley.application.port.in.ReadStateUseCase;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelState;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.event.ReadStateChanged;
import java.time.Clock;
import java.util.List;

/** Read positions per user and channel; unread counts come from seq arithmetic. */
public final class ReadStateServices implements ReadStateUseCase {
  private final ReadStateRepository readStates;
  private final AccessGuard guard;
  private final ChatEventPublisher events;
  private final Clock clock;

  public ReadStateServices(
      ReadStateRepository readStates, AccessGuard guard, ChatEventPublisher events, Clock clock) {
    this.readStates = readStates;
    this.guard = guard;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public long markRead(long userId, long channelId, Long seq) {
    Channel channel =
        guard.requireChannelAtCurrentPosition(userId, channelId, ChannelExpectation.ANY).channel();
    long upTo = seq == null ? channel.lastSeq() : seq;
    if (upTo < 0 || upTo > channel.lastSeq()) {
      throw new InvalidInput("seq", "seq must be between 0 and the channel's last seq");
    }
    long stored = readStates.markRead(userId, channelId, upTo, clock.instant());
    events.publish(new ReadStateChanged(userId, channelId, stored));
    return stored;
  }

  @Override
  public List<ChannelState> states(long userId) {
    return readStates.statesFor(userId);
  }

  @Override
  public ChannelState state(long userId, long channelId) {
    guard.requireChannel(userId, channelId, ChannelExpectation.ANY);
    return readStates.stateOf(userId, channelId);
  }
}
