package dev.parley.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * How far users have read channels, and who messages mention. Unread counts come from the channels'
 * sequence numbers, so they cost the same at 10 or 100k messages.
 */
public interface ReadStateRepository {

  /** One channel as a user sees it: its newest seq, where they read to, unread mentions. */
  record ChannelState(long channelId, Long serverId, long lastSeq, long lastReadSeq, int mentions) {
    public long unread() {
      return Math.max(0, lastSeq - lastReadSeq);
    }
  }

  /** Moves the user's read position forward (never back); returns the position now stored. */
  long markRead(long userId, long channelId, long seq, Instant at);

  /** The state of every channel the user can see (server channels and conversations). */
  List<ChannelState> statesFor(long userId);

  /** Records that a message mentions these users. */
  void addMentions(long messageId, long channelId, long seq, Collection<Long> userIds);
}
