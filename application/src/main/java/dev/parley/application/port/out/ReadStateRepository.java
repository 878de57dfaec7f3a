package dev.parley.application.port.out;

import dev.parley.domain.channel.ChannelState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * How far users have read channels, and who messages mention. Unread counts come from the channels'
 * sequence numbers, so they cost the same at 10 or 100k messages.
 */
public interface ReadStateRepository {

  /** Moves the user's read position forward (never back); returns the position now stored. */
  long markRead(long userId, long channelId, long seq, Instant at);

  /**
   * The state of every channel the user can see (server channels and conversations); threads are
   * left out, however many there are (the followed ones are listed with the threads).
   */
  List<ChannelState> statesFor(long userId);

  /** The state of one channel (a thread too) for the user, who the caller checked may see it. */
  ChannelState stateOf(long userId, long channelId);

  /** Records that a message mentions these users. */
  void addMentions(long messageId, long channelId, long seq, Collection<Long> userIds);
}
