package dev.parley.adapters.web.classic;

import dev.parley.adapters.web.classic.ClassicDtos.MessageDto;
import dev.parley.adapters.web.classic.ClassicDtos.MessageFrame;
import dev.parley.adapters.web.socket.EventEncoder;
import dev.parley.adapters.web.socket.Frames;
import dev.parley.domain.event.ChannelCreated;
import dev.parley.domain.event.ChannelDeleted;
import dev.parley.domain.event.ChannelPresence;
import dev.parley.domain.event.ChannelUpdated;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.ConversationCreated;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MemberUpdated;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.event.ReadStateChanged;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.ServerUpdated;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.TypingChanged;
import java.util.Set;

/** Seed 003's server-to-client frames: the channel's new messages, nothing else. */
final class ClassicFrames implements EventEncoder {
  // Seed 003's socket pushes messages only; its clients would not know what to do with the rest.
  private static final Set<Class<? extends ChatEvent>> NOT_SHOWN =
      Set.of(
          MessageEdited.class,
          MessageDeleted.class,
          ReactionChanged.class,
          TypingChanged.class,
          ChannelPresence.class,
          StatusChanged.class,
          MemberJoined.class,
          MemberLeft.class,
          ChannelCreated.class,
          ConversationCreated.class,
          ServerUpdated.class,
          ServerDeleted.class,
          ChannelUpdated.class,
          ChannelDeleted.class,
          MemberUpdated.class,
          MentionCreated.class,
          ReadStateChanged.class,
          SessionEnded.class);

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
