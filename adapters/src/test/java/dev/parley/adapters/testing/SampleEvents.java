package dev.parley.adapters.testing;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.MessageThread;
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
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.event.ReadStateChanged;
import dev.parley.domain.event.ServerDeleted;
import dev.parley.domain.event.ServerUpdated;
import dev.parley.domain.event.SessionEnded;
import dev.parley.domain.event.StatusChanged;
import dev.parley.domain.event.ThreadCreated;
import dev.parley.domain.event.Topic;
import dev.parley.domain.event.TypingChanged;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import java.time.Instant;
import java.util.List;

/**
 * One or more fixed instances of every {@link ChatEvent} type, named, with the awkward values a
 * wire format must survive (quotes, markup, non-ASCII, nulls). A new event type needs a sample
 * here: the tests that walk every permitted type fail until it has one.
 */
public final class SampleEvents {
  private static final Instant T = Instant.parse("2026-11-23T12:00:00.123456Z");
  private static final Instant EDITED = Instant.parse("2026-11-23T12:05:00Z");

  private SampleEvents() {}

  /** An event and the name its golden files go by. */
  public record Sample(String name, ChatEvent event) {}

  public static List<Sample> all() {
    Channel text = new Channel(3, 2L, ChannelKind.TEXT, "général", "d", "cat", 1, 9, 12, 1L, T, T);
    Channel dm = new Channel(4, null, ChannelKind.DM, "dm", null, null, 0, 0, 0, null, T, null);
    Attachment file = new Attachment(8, 3, 1, "a \"b\".png", "image/png", 42, "ab", "key", T, 7L);
    Message message =
        new Message(7, 3, 5, 1, "hi <b>\"there\"</b>\n✓", T, null, null, 6L, "n-1", 8);
    PostedMessage posted = new PostedMessage(message, "alice", 2L, List.of(file));
    Message edited = new Message(7, 3, 5, 1, "hi again", T, EDITED, null, 6L, "n-1", 8);
    PostedMessage inDm =
        new PostedMessage(new Message(9, 4, 1, 1, "x", T, T, null, null, null, 1), "al", null);
    return List.of(
        new Sample("MessageCreated", new MessageCreated(posted, List.of(10L, 11L))),
        new Sample("MessageCreated-dm", new MessageCreated(inDm)),
        new Sample(
            "MessageCreated-bot",
            new MessageCreated(
                new PostedMessage(
                    new Message(12, 3, 6, 9, "beep", T, null, null, null, null, 13),
                    "robo",
                    2L,
                    List.of(),
                    true))),
        new Sample(
            "MessageCreated-webhook",
            new MessageCreated(
                new PostedMessage(
                    new Message(
                        13, 3, 7, 14, "build green", T, null, null, null, "job-1", 14, 5L, "CI"),
                    "webhook-0a1b2c3d",
                    2L))),
        new Sample("MessageEdited", new MessageEdited(new PostedMessage(edited, "alice", 2L), 2)),
        new Sample("MessageDeleted", new MessageDeleted(3, 2L, 7, 5, 1, "alice", 10)),
        new Sample(
            "ReactionChanged", new ReactionChanged(3, null, 7, 1, "alice", "👍", true, 2, 11)),
        new Sample("PinChanged", new PinChanged(3, 2L, 7, 1, "alice", true, T, 12)),
        new Sample(
            "ThreadCreated",
            new ThreadCreated(
                new MessageThread(9, 3, 7, 2L, "Lunch \"plans\"", 1, T, 2, EDITED, 3))),
        new Sample("TypingChanged", new TypingChanged(3, 2L, 1, "alice", true)),
        new Sample(
            "ChannelPresence", new ChannelPresence(3, 2L, 1, "alice", false, List.of(1L, 2L))),
        new Sample(
            "StatusChanged",
            new StatusChanged(1, "alice", "idle", List.of(Topic.server(2), Topic.channel(4)))),
        new Sample("MemberJoined", new MemberJoined(2, 1, "alice", Role.MODERATOR)),
        new Sample("MemberLeft", new MemberLeft(2, 1, "alice", MemberLeft.Reason.BANNED)),
        new Sample("ChannelCreated", new ChannelCreated(text)),
        new Sample("ConversationCreated", new ConversationCreated(dm, List.of(1L, 5L))),
        new Sample(
            "ServerUpdated", new ServerUpdated(new Server(2, "S", null, "i.png", 1L, false, T))),
        new Sample("ServerDeleted", new ServerDeleted(2, "S")),
        new Sample("ChannelUpdated", new ChannelUpdated(text)),
        new Sample("ChannelDeleted", new ChannelDeleted(2, 3)),
        new Sample(
            "MemberUpdated",
            new MemberUpdated(new Membership(2, 1, Role.ADMIN, T, T.plusSeconds(60)), "alice")),
        new Sample("MentionCreated", new MentionCreated(5, posted)),
        new Sample("ReadStateChanged", new ReadStateChanged(1, 3, 5)),
        new Sample("SessionEnded", new SessionEnded(1, "sid")),
        new Sample("SessionEnded-all", new SessionEnded(1, null)));
  }

  public static List<ChatEvent> events() {
    return all().stream().map(Sample::event).toList();
  }
}
