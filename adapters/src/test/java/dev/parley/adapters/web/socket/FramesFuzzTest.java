package dev.parley.adapters.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.application.port.in.ResumeUseCase;
import dev.parley.domain.error.InvalidInput;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.util.Map;

/**
 * Fuzzes the decoding of client frames: whatever text a client sends, decoding ends in a value or
 * in {@link InvalidInput} naming the field, never in another exception (which the gateway would
 * answer as an internal error). CI replays the committed inputs; {@code JAZZER_FUZZ=1} explores.
 */
class FramesFuzzTest {
  private static final Frames FRAMES = new Frames(JsonMapper.createDefault());
  private static final String[] FIELDS = {
    "type", "channelId", "serverId", "messageId", "text", "content", "nonce", "seq", "emoji"
  };

  @FuzzTest(maxDuration = "60s")
  void anyTextFrameDecodesOrIsRefusedByName(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    JsonNode frame;
    try {
      frame = FRAMES.parseObject(text);
    } catch (InvalidInput refused) {
      assertThat(refused.field()).isEqualTo("frame");
      return;
    }
    assertThat(frame.isObject()).isTrue();
    refusedByName(() -> Frames.type(frame));
    for (String field : FIELDS) {
      refusedByName(() -> Frames.optionalId(frame, field));
      refusedByName(() -> Frames.optionalString(frame, field));
    }
    refusedByName(() -> Frames.optionalIds(frame, "attachment_ids", "attachmentIds"));
    refusedByName(
        () -> {
          Map<Long, ResumeUseCase.Cursor> cursors = Frames.resumeCursors(frame);
          assertThat(cursors.values())
              .allMatch(c -> c.seq() >= 0 && (c.pos() == null || c.pos() >= 0));
        });
  }

  private static void refusedByName(Runnable decode) {
    try {
      decode.run();
    } catch (InvalidInput refused) {
      assertThat(refused.field()).isNotBlank();
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
