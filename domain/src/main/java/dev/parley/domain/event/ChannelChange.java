package dev.parley.domain.event;

/**
 * An event that changes a channel's messages (a new message, an edit, a delete, a reaction). Each
 * has a position {@code pos} in its channel's change log: 1, 2, 3… without gaps, in commit order.
 */
public interface ChannelChange {
  long channelId();

  /** The change's position in the channel's change log. */
  long pos();
}
