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

  /** The state of every channel the user can see (server channels and conversations). */
  List<ChannelState> statesFor(long userId);

  /** Records that a message mentions these users. */
  void addMentions(long messageId, long channelId, long seq, Collection<Long> userIds);
}
