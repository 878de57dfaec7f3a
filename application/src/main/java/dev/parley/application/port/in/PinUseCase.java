package dev.parley.application.port.in;

import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.message.Pin;
import java.util.List;

/**
 * Pins: moderators and admins of a server pin and unpin messages of its channels; in a direct or
 * group conversation any participant does. Everyone who sees the channel sees its pins.
 */
public interface PinUseCase {

  /** The change made (and published); {@code null} when the message was already so. */
  PinChanged pin(PinCommand command);

  /** The pinned messages of a channel the caller can see, the latest pin first. */
  List<Pin> pins(long userId, long channelId, ChannelExpectation expectation);
}
