package dev.parley.adapters.web.socket;

import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.domain.error.InvalidInput;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading client frames and writing server frames, with errors that name the field. */
@Singleton
public final class Frames {
  private final JsonMapper json;

  public Frames(JsonMapper json) {
    this.json = json;
  }

  /** Parses a text frame that must be a JSON object. */
  public JsonNode parseObject(String frame) {
    JsonNode node;
    try {
      node = json.readValue(frame, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInput("frame", "frame is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInput("frame", "frame must be a JSON object");
    }
    return node;
  }

  /** Serializes a frame record. */
  public String write(Object frame) {
    try {
      return json.writeValueAsString(frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The frame's {@code type}, or an error naming what is missing. */
  public static String type(JsonNode frame) {
    JsonNode type = frame.get("type");
    if (type == null || !type.isString() || type.getStringValue().isBlank()) {
      throw new InvalidInput("type", "frame needs a string 'type'");
    }
    return type.getStringValue();
  }

  /** A required id given as a JSON number or a numeric string. */
  public static long requireId(JsonNode frame, String field) {
    Long id = optionalId(frame, field);
    if (id == null) {
      throw new InvalidInput(field, "missing field '" + field + "'");
    }
    return id;
  }

  /** An optional id given as a JSON number or a numeric string. */
  public static Long optionalId(JsonNode frame, String field) {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      if (value.isNumber()) {
        return new BigDecimal(value.getNumberValue().toString()).longValueExact();
      }
      if (value.isString()) {
        return Long.parseLong(value.getStringValue().strip());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // falls through to the error below
    }
    throw new InvalidInput(field, "'" + field + "' must be an integer id");
  }

  /** The ids in the array under the first present field among {@code fields}; empty if none. */
  public static List<Long> optionalIds(JsonNode frame, String... fields) {
    for (String field : fields) {
      JsonNode value = frame.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isArray()) {
        throw new InvalidInput(field, "'" + field + "' must be an array of ids");
      }
      List<Long> ids = new ArrayList<>();
      for (JsonNode id : value.values()) {
        ids.add(requireId(JsonNode.createObjectNode(Map.of(field, id)), field));
      }
      return ids;
    }
    return List.of();
  }

  /** The first present string among {@code fields}, or an error naming the first. */
  public static String requireString(JsonNode frame, String... fields) {
    String value = optionalString(frame, fields);
    if (value == null) {
      throw new InvalidInput(fields[0], "missing field '" + fields[0] + "'");
    }
    return value;
  }

  /** The first present string among {@code fields}, or null. */
  public static String optionalString(JsonNode frame, String... fields) {
    for (String field : fields) {
      JsonNode value = frame.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isString()) {
        throw new InvalidInput(field, "'" + field + "' must be a string");
      }
      return value.getStringValue();
    }
    return null;
  }

  /**
   * The {@code channels} cursor of a resume frame: channel id to the last {@code seq} the client
   * saw, or to {@code {"seq", "pos"}} with the last change position too; all integers (as numbers
   * or numeric strings), none negative.
   */
  public static Map<Long, ResumeUseCase.Cursor> resumeCursors(JsonNode frame) {
    JsonNode channels = frame.get("channels");
    if (channels == null || !channels.isObject()) {
      throw new InvalidInput(
          "channels", "resume needs 'channels': {channelId: lastSeq or {seq, pos}, ...}");
    }
    Map<Long, ResumeUseCase.Cursor> lastSeen = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : channels.entries()) {
      long channelId;
      try {
        channelId = Long.parseLong(entry.getKey().strip());
      } catch (NumberFormatException e) {
        throw new InvalidInput("channels", "channel ids must be integers");
      }
      JsonNode value = entry.getValue();
      ResumeUseCase.Cursor cursor =
          value.isObject()
              ? new ResumeUseCase.Cursor(cursorField(value, "seq"), optionalCursorField(value))
              : ResumeUseCase.Cursor.ofSeq(
                  cursorField(JsonNode.createObjectNode(Map.of("seq", value)), "seq"));
      lastSeen.put(channelId, cursor);
    }
    return lastSeen;
  }

  private static long cursorField(JsonNode holder, String field) {
    long value;
    try {
      value = requireId(holder, field);
    } catch (InvalidInput e) {
      throw new InvalidInput("channels", "a resume cursor's " + field + " must be an integer");
    }
    if (value < 0) {
      throw new InvalidInput("channels", "a last seen " + field + " must not be negative");
    }
    return value;
  }

  private static Long optionalCursorField(JsonNode cursor) {
    return cursor.get("pos") == null || cursor.get("pos").isNull()
        ? null
        : cursorField(cursor, "pos");
  }
}
