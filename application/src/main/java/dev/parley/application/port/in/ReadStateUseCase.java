package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelState;
import java.util.List;

/** Where a user has read to, and their unread and mention counts. */
public interface ReadStateUseCase {

  /**
   * Marks the channel read up to {@code seq} (null: everything so far); returns the position
   * stored, which never moves back.
   */
  long markRead(long userId, long channelId, Long seq);

  /** Every channel the user can see, with counts (threads: see the followed threads). */
  List<ChannelState> states(long userId);

  /** One channel (or thread) the user can see, with counts. */
  ChannelState state(long userId, long channelId);
}
