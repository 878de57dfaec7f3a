package dev.parley.application.service;

import dev.parley.application.port.out.WebhookOutbox.MemberChange;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.event.MessageDeleted;
import dev.parley.domain.event.MessageEdited;
import dev.parley.domain.event.ReactionChanged;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.webhook.WebhookEventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code data} of each webhook event type, as JSON: built here from the events the change log
 * replays, so webhooks show what sockets show without touching the send path.
 */
final class WebhookPayloads {
  /** An event's type and data, ready for the outbox. */
  record Payload(WebhookEventType type, String dataJson) {}

  private WebhookPayloads() {}

  static Optional<Payload> of(ChatEvent event) {
    if (event instanceof MessageCreated created) {
      return Optional.of(
          new Payload(WebhookEventType.MESSAGE_CREATED, json(message(created.posted()))));
    }
    if (event instanceof MessageEdited edited) {
      return Optional.of(
          new Payload(WebhookEventType.MESSAGE_EDITED, json(message(edited.posted()))));
    }
    if (event instanceof MessageDeleted deleted) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("message_id", deleted.messageId());
      data.put("seq", deleted.seq());
      data.put("deleted_by", deleted.deletedBy());
      data.put("deleted_by_name", deleted.deletedByName());
      return Optional.of(new Payload(WebhookEventType.MESSAGE_DELETED, json(data)));
    }
    if (event instanceof ReactionChanged reaction) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("message_id", reaction.messageId());
      data.put("user_id", reaction.userId());
      data.put("username", reaction.username());
      data.put("emoji", reaction.emoji());
      data.put("added", reaction.added());
      data.put("count", reaction.count());
      return Optional.of(new Payload(WebhookEventType.REACTION_CHANGED, json(data)));
    }
    return Optional.empty(); // pins and the rest are not webhook event types
  }

  static Payload of(MemberChange change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("user_id", change.userId());
    data.put("username", change.username());
    if (change.joined()) {
      data.put("role", change.role());
    } else {
      data.put("reason", change.reason());
    }
    return new Payload(
        change.joined() ? WebhookEventType.MEMBER_JOINED : WebhookEventType.MEMBER_LEFT,
        json(data));
  }

  private static Map<String, Object> message(PostedMessage posted) {
    Message m = posted.message();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("message_id", m.id());
    data.put("seq", m.seq());
    data.put("author_id", m.authorId());
    data.put("author_name", posted.authorName());
    data.put("webhook_id", posted.webhookId()); // the incoming webhook that posted it, if one did
    // As the message is when fed (normally within a poll of its commit): one edited or deleted
    // before that shows so here, and its edit and delete events follow in order anyway.
    data.put("content", m.isDeleted() ? "" : m.content());
    data.put("deleted", m.isDeleted());
    data.put("created_at", m.createdAt());
    data.put("edited_at", m.editedAt());
    data.put("reply_to_id", m.replyToId());
    data.put(
        "attachments",
        posted.attachments().stream().map(Attachment::id).map(Object.class::cast).toList());
    return data;
  }

  /** JSON of maps, lists, strings, numbers, booleans, instants and nulls. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Instant i) {
      string(out, i.toString());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int k = 0; k < list.size(); k++) {
        if (k > 0) {
          out.append(',');
        }
        write(out, list.get(k));
      }
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
