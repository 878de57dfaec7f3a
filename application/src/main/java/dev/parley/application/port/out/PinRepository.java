package dev.parley.application.port.out;

import dev.parley.domain.message.Message;
import java.time.Instant;
import java.util.List;

/** The pinned messages of each channel. */
public interface PinRepository {

  /** A pin as stored, with its message as it is now. */
  record StoredPin(Message message, long pinnedBy, Instant pinnedAt) {}

  /** What {@link #pin} did. */
  enum Pinned {
    PINNED,
    ALREADY,
    /** The channel already has {@code limit} pinned messages that are not deleted. */
    FULL
  }

  /** Pins the message to its channel unless it is pinned already or the channel is full. */
  Pinned pin(long channelId, long messageId, long userId, Instant at, int limit);

  /** Unpins the message; false when it was not pinned. */
  boolean unpin(long messageId);

  /** The channel's pinned messages that are not deleted, the latest pin first. */
  List<StoredPin> inChannel(long channelId);
}
