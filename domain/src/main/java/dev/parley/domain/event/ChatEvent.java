package dev.parley.domain.event;

import java.util.List;

/** Something that happened and must reach every connection allowed to see it. */
public sealed interface ChatEvent
    permits MessageCreated,
        MessageEdited,
        MessageDeleted,
        ReactionChanged,
        PinChanged,
        ThreadCreated,
        TypingChanged,
        ChannelPresence,
        StatusChanged,
        MemberJoined,
        MemberLeft,
        ChannelCreated,
        ConversationCreated,
        ServerUpdated,
        ServerDeleted,
        ChannelUpdated,
        ChannelDeleted,
        MemberUpdated,
        MentionCreated,
        ReadStateChanged,
        SessionEnded {

  /** The topics whose subscribers receive the event. */
  List<Topic> audience();

  /**
   * Whether one connection may follow several of the audience's topics (a user's servers and
   * conversations), so delivery must not repeat the event to it. Channel events never overlap.
   */
  default boolean overlappingAudience() {
    return false;
  }

  /** Best-effort events (typing, presence) may be dropped for a slow client; others may not. */
  default boolean droppable() {
    return false;
  }

  /** The audience of something that happened in a channel. */
  static List<Topic> channelAudience(long channelId, Long serverId) {
    return serverId == null
        ? List.of(Topic.channel(channelId))
        : List.of(Topic.server(serverId), Topic.channel(channelId));
  }
}
