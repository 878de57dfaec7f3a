package dev.parley.adapters.web.socket;

import dev.parley.application.realtime.OutboundEvent;
import dev.parley.domain.event.ChannelCreated;
import dev.parley.domain.event.ChannelDeleted;
import dev.parley.domain.event.ChannelUpdated;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.ConversationCreated;
import dev.parley.domain.event.MemberJoined;
import dev.parley.domain.event.MemberLeft;
import dev.parley.domain.event.MemberUpdated;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.event.ReadStateChanged;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.ServerUpdated;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.event.ThreadCreated;
import dev.parley.domain.event.TypingChanged;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns events into one surface's frames. Every {@link ChatEvent} type is either framed by {@link
 * #frame} or named in {@link #notShown}: the encoding tests hold each surface to that, so a new
 * event type cannot silently miss a surface.
 */
public interface EventEncoder {
  /**
   * Events only the native surface has frames for: servers, memberships, channel lists, mentions,
   * pins, threads, read state and sessions. No seed's socket shows them; each seed encoder names
   * them through this set, so a type added here is a decision taken for the three seed surfaces at
   * once.
   */
  Set<Class<? extends ChatEvent>> NATIVE_ONLY =
      Set.of(
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
          PinChanged.class,
          ThreadCreated.class,
          ReadStateChanged.class,
          SessionEnded.class);

  /** {@link #NATIVE_ONLY} and the seed's own further exclusions. */
  @SafeVarargs
  static Set<Class<? extends ChatEvent>> nativeOnlyAnd(Class<? extends ChatEvent>... more) {
    Set<Class<? extends ChatEvent>> all = new HashSet<>(NATIVE_ONLY);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  /** The surface's name in metrics: native, classic, rooms or conversations. */
  String surface();

  /** The event types this surface never shows its clients. */
  Set<Class<? extends ChatEvent>> notShown();

  /**
   * The event as this surface's frame, the same for every recipient. Only called for types not in
   * {@link #notShown}; any other type is a programming error.
   */
  String frame(ChatEvent event);

  /** Whether a recipient allowed to see the event still skips it: by default, its own typing. */
  default boolean skips(ChatEvent event, SocketConnection recipient) {
    return event instanceof TypingChanged typing && typing.userId() == recipient.userId();
  }

  /** The frame for one recipient, or null when it gets nothing; framed once per event. */
  default String encode(OutboundEvent event, SocketConnection recipient) {
    ChatEvent e = event.event();
    if (notShown().contains(e.getClass()) || skips(e, recipient)) {
      return null;
    }
    return event.shared(this, this::frame);
  }

  /** The error for a type that is neither framed nor listed as not shown. */
  static IllegalStateException unhandled(String surface, ChatEvent event) {
    return new IllegalStateException(
        surface + " surface has no frame for " + event.getClass().getSimpleName());
  }
}
