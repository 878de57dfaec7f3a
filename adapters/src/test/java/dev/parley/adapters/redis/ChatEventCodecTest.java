package dev.parley.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.adapters.testing.SampleEvents;
import dev.parley.domain.event.ChatEvent;
import io.micronaut.serde.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every domain event survives the trip through the Redis channel unchanged. */
class ChatEventCodecTest {
  private final ChatEventCodec codec = new ChatEventCodec(ObjectMapper.getDefault());

  static List<ChatEvent> samples() {
    return SampleEvents.events();
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
