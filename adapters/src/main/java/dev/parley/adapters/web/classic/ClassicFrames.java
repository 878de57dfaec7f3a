package dev.parley.adapters.web.classic;

import dev.parley.adapters.web.classic.ClassicDtos.MessageDto;
import dev.parley.adapters.web.classic.ClassicDtos.MessageFrame;
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

/** Seed 003's server-to-client frames: the channel's new messages, nothing else. */
final class ClassicFrames implements EventEncoder {
  // Seed 003's socket pushes messages only; its clients would not know what to do with the rest.
  private static final Set<Class<? extends ChatEvent>> NOT_SHOWN =
      EventEncoder.nativeOnlyAnd(
          MessageEdited.class,
          MessageDeleted.class,
          ReactionChanged.class,
          TypingChanged.class,
          ChannelPresence.class,
          StatusChanged.class);

  private final Frames frames;

  ClassicFrames(Frames frames) {
    this.frames = frames;
  }

  @Override
  public String surface() {
    return "classic";
  }

  @Override
  public Set<Class<? extends ChatEvent>> notShown() {
    return NOT_SHOWN;
  }

  @Override
  public String frame(ChatEvent event) {
    if (event instanceof MessageCreated created) {
      return frames.write(new MessageFrame("message", MessageDto.from(created.posted())));
    }
    throw EventEncoder.unhandled(surface(), event);
  }
}
