package dev.parley.adapters.web.support;

import dev.parley.adapters.web.socket.Frames;
import dev.parley.domain.error.InvalidInput;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ids that clients may send as JSON numbers or numeric strings. */
public final class Ids {
  private Ids() {}

  /** A JSON array of ids; null means none. */
  public static List<Long> list(List<JsonNode> values, String field) {
    List<Long> ids = new ArrayList<>();
    if (values == null) {
      return ids;
    }
    for (JsonNode value : values) {
      if (value == null || value.isNull()) {
        throw new InvalidInput(field, field + " must not contain null");
      }
      ids.add(Frames.requireId(JsonNode.createObjectNode(Map.of(field, value)), field));
    }
    return ids;
  }
}
