package dev.parley.adapters.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain events as JSON for the Redis channel: {@code {"o": node, "t": type, "e": event}}. The
 * domain stays free of annotations: serde introspects its records at compile time through {@link
 * SerdeImport}, so no reflection is needed (native-image friendly). Only nodes of the same version
 * share a channel; an unknown type is refused.
 */
@Singleton
@SerdeImport(value = MessageCreated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MessageEdited.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MessageDeleted.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ReactionChanged.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = PinChanged.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ThreadCreated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MessageThread.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = TypingChanged.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ChannelPresence.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = StatusChanged.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MemberJoined.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MemberLeft.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ChannelCreated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ConversationCreated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ServerUpdated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ServerDeleted.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ChannelUpdated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ChannelDeleted.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MemberUpdated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MentionCreated.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ReadStateChanged.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = SessionEnded.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Topic.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Topic.Kind.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = MemberLeft.Reason.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Channel.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = ChannelKind.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = PostedMessage.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Message.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Attachment.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Server.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Membership.class, mixin = ChatEventCodec.Always.class)
@SerdeImport(value = Role.class, mixin = ChatEventCodec.Always.class)
public class ChatEventCodec {

  /**
   * Writes every property, null and empty ones included, whatever the application's inclusion
   * setting: the domain's records expect their lists on the way back.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  interface Always {}

  /** Every event type that crosses nodes; a test checks it covers the sealed interface. */
  static final List<Class<? extends ChatEvent>> TYPES =
      List.of(
          MessageCreated.class,
          MessageEdited.class,
          MessageDeleted.class,
          ReactionChanged.class,
          PinChanged.class,
          ThreadCreated.class,
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

  private static final Map<String, Class<? extends ChatEvent>> BY_NAME = new HashMap<>();

  static {
    for (Class<? extends ChatEvent> type : TYPES) {
      BY_NAME.put(type.getSimpleName(), type);
    }
  }

  /** An event as it came off the channel, with the node that published it. */
  public record Envelope(String origin, ChatEvent event) {}

  private final JsonMapper json;

  public ChatEventCodec(JsonMapper json) {
    this.json = json;
  }

  /** The event and its origin as one JSON text; the event is serialized exactly once. */
  public String encode(String origin, ChatEvent event) {
    try {
      // origin is a UUID and the type a Java name: neither needs escaping.
      return encodedPrefix(origin)
          + "\",\"t\":\""
          + event.getClass().getSimpleName()
          + "\",\"e\":"
          + json.writeValueAsString(event)
          + "}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How every payload published by {@code origin} begins. */
  public String encodedPrefix(String origin) {
    return "{\"o\":\"" + origin;
  }

  /** Reads what {@link #encode} wrote; refuses anything else with an exception. */
  public Envelope decode(String payload) {
    try {
      JsonNode root = json.readValue(payload, JsonNode.class);
      JsonNode origin = root.get("o");
      JsonNode type = root.get("t");
      JsonNode event = root.get("e");
      if (origin == null || type == null || event == null) {
        throw new IllegalArgumentException("not a Parley event envelope");
      }
      Class<? extends ChatEvent> cls = BY_NAME.get(type.getStringValue());
      if (cls == null) {
        throw new IllegalArgumentException("unknown event type " + type.getStringValue());
      }
      return new Envelope(origin.getStringValue(), json.readValueFromTree(event, cls));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
