package dev.parley.adapters.web.rooms;

import dev.parley.adapters.web.rooms.RoomDtos.MessageDto;
import dev.parley.adapters.web.rooms.RoomDtos.TypingFrame;
import dev.parley.adapters.web.socket.EventEncoder;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.domain.event.ChannelPresence;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.TypingChanged;
import java.util.Set;

/** Seed 004's server-to-client frames: a room's messages and typing. */
final class RoomFrames implements EventEncoder {
  // Seed 004's room socket has two frame types, message and typing; it shows nothing else.
  private static final Set<Class<? extends ChatEvent>> NOT_SHOWN =
      EventEncoder.nativeOnlyAnd(
          MessageEdited.class,
          MessageDeleted.class,
          ReactionChanged.class,
          ChannelPresence.class,
          StatusChanged.class);

  private final Frames frames;

  RoomFrames(Frames frames) {
    this.frames = frames;
  }

  @Override
  public String surface() {
    return "rooms";
  }

  @Override
  public Set<Class<? extends ChatEvent>> notShown() {
    return NOT_SHOWN;
  }

  @Override
  public String frame(ChatEvent event) {
    if (event instanceof MessageCreated created) {
      return frames.write(MessageDto.from(created.posted()));
    }
    if (event instanceof TypingChanged t) {
      return frames.write(new TypingFrame("typing", t.channelId(), t.username(), t.typing()));
    }
    throw EventEncoder.unhandled(surface(), event);
  }
}
