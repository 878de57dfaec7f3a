package dev.parley.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
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
import dev.parley.domain.event.Topic;
import dev.parley.domain.event.TypingChanged;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Membership;
import dev.parley.domain.server.Role;
import dev.parley.domain.server.Server;
import io.micronaut.serde.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every domain event survives the trip through the Redis channel unchanged. */
class ChatEventCodecTest {
  private static final Instant T = Instant.parse("2026-11-23T12:00:00.123456Z");
  private final ChatEventCodec codec = new ChatEventCodec(ObjectMapper.getDefault());

  static List<ChatEvent> samples() {
    Channel text = new Channel(3, 2L, ChannelKind.TEXT, "général", "d", "cat", 1, 9, 12, 1L, T, T);
    Channel dm = new Channel(4, null, ChannelKind.DM, "dm", null, null, 0, 0, 0, null, T, null);
    Attachment file = new Attachment(8, 3, 1, "a \"b\".png", "image/png", 42, "ab", "key", T, 7L);
    Message message =
        new Message(7, 3, 5, 1, "hi <b>\"there\"</b>\n✓", T, null, null, 6L, "n-1", 8);
    PostedMessage posted = new PostedMessage(message, "alice", 2L, List.of(file));
    PostedMessage inDm =
        new PostedMessage(new Message(9, 4, 1, 1, "x", T, T, null, null, null, 1), "al", null);
    return List.of(
        new MessageCreated(posted, List.of(10L, 11L)),
        new MessageCreated(inDm),
        new MessageEdited(posted, 2),
        new MessageDeleted(3, 2L, 7, 5, 1, "alice", 10),
        new ReactionChanged(3, null, 7, 1, "alice", "👍", true, 2, 11),
        new TypingChanged(3, 2L, 1, "alice", true),
        new ChannelPresence(3, 2L, 1, "alice", false, List.of(1L, 2L)),
        new StatusChanged(1, "alice", "idle", List.of(Topic.server(2), Topic.channel(4))),
        new MemberJoined(2, 1, "alice", Role.MODERATOR),
        new MemberLeft(2, 1, "alice", MemberLeft.Reason.BANNED),
        new ChannelCreated(text),
        new ConversationCreated(dm, List.of(1L, 5L)),
        new ServerUpdated(new Server(2, "S", null, "i.png", 1L, false, T)),
        new ServerDeleted(2, "S"),
        new ChannelUpdated(text),
        new ChannelDeleted(2, 3),
        new MemberUpdated(new Membership(2, 1, Role.ADMIN, T, T.plusSeconds(60)), "alice"),
        new MentionCreated(5, posted),
        new ReadStateChanged(1, 3, 5),
        new SessionEnded(1, "sid"),
        new SessionEnded(1, null));
  }

  @Test
  void everyEventComesBackEqual() {
    for (ChatEvent event : samples()) {
      String payload = codec.encode("node-1", event);
      ChatEventCodec.Envelope back = codec.decode(payload);
      assertThat(back.origin()).isEqualTo("node-1");
      assertThat(back.event()).as(payload).isEqualTo(event);
      assertThat(payload).startsWith(codec.encodedPrefix("node-1"));
    }
  }

  @Test
  void theCodecKnowsEveryEventTypeAndTheSamplesCoverThem() {
    Set<Class<?>> permitted =
        Arrays.stream(ChatEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
    assertThat(Set.copyOf(ChatEventCodec.TYPES)).isEqualTo(permitted);
    assertThat(samples().stream().map(Object::getClass).collect(Collectors.toSet()))
        .isEqualTo(permitted);
  }

  @Test
  void refusesWhatItDidNotWrite() {
    assertThatThrownBy(() -> codec.decode("{\"o\":\"n\",\"t\":\"Nope\",\"e\":{}}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode("{\"x\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(RuntimeException.class);
  }
}
