package dev.parley.adapters.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.parley.adapters.testing.SampleEvents;
import dev.parley.adapters.testing.SampleEvents.Sample;
import dev.parley.application.realtime.ConnectionScope;
import dev.parley.application.realtime.OutboundEvent;
import dev.parley.domain.event.ChatEvent;
import dev.parley.domain.event.TypingChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.websocket.WebSocketSession;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every surface's {@link EventEncoder} must do: frame each {@link ChatEvent} type or name it
 * as not shown, and frame each sample exactly as its golden JSON file under {@code
 * src/test/resources/golden/<surface>/} says. Run with {@code -Dgolden.update=true} to write
 * missing or changed files, then read the diff before committing it.
 */
public abstract class SurfaceEncodingContract {
  protected static final Frames FRAMES = new Frames(JsonMapper.createDefault());
  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final JsonFactory PRETTY = new JsonFactory();
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private final EventEncoder encoder;

  protected SurfaceEncodingContract(EventEncoder encoder) {
    this.encoder = encoder;
  }

  private Path goldenDir() {
    return Path.of("src", "test", "resources", "golden", encoder.surface());
  }

  @Test
  void everyEventTypeIsFramedOrNamedAsNotShown() {
    List<Class<?>> sampled =
        SampleEvents.events().stream().<Class<?>>map(Object::getClass).toList();
    for (Class<?> type : ChatEvent.class.getPermittedSubclasses()) {
      assertThat(sampled)
          .as("SampleEvents has no sample of " + type.getSimpleName())
          .contains(type);
    }
    for (Sample sample : SampleEvents.all()) {
      if (!encoder.notShown().contains(sample.event().getClass())) {
        assertThatCode(() -> encoder.frame(sample.event()))
            .as(encoder.surface() + " must frame " + sample.name() + " or list it in notShown()")
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void framesMatchTheirGoldenFiles() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Sample sample : SampleEvents.all()) {
      Path golden = goldenDir().resolve(sample.name() + ".json");
      if (encoder.notShown().contains(sample.event().getClass())) {
        assertThat(golden).as("golden file of a type not shown").doesNotExist();
        continue;
      }
      String frame = encoder.frame(sample.event());
      if (Files.exists(golden) && parse(Files.readString(golden)).equals(parse(frame))) {
        continue;
      }
      if (UPDATE) {
        Files.createDirectories(goldenDir());
        Files.writeString(golden, pretty(frame) + "\n", StandardCharsets.UTF_8);
      } else {
        problems.add(golden + (Files.exists(golden) ? " differs: " : " is missing: ") + frame);
      }
    }
    if (!problems.isEmpty()) {
      fail(
          "frames not as their golden files (run with -Dgolden.update=true to rewrite):\n"
              + String.join("\n", problems));
    }
  }

  @Test
  void everyGoldenFileBelongsToASample() throws IOException {
    Set<String> names =
        SampleEvents.all().stream().map(s -> s.name() + ".json").collect(Collectors.toSet());
    if (Files.isDirectory(goldenDir())) {
      try (Stream<Path> files = Files.list(goldenDir())) {
        assertThat(files.map(f -> f.getFileName().toString())).allMatch(names::contains);
      }
    }
  }

  @Test
  void recipientsShareOneFrameAndTypistsSkipTheirOwnTyping() {
    SocketConnection alice = recipient(1);
    SocketConnection bob = recipient(2);
    for (Sample sample : SampleEvents.all()) {
      OutboundEvent event = new OutboundEvent(sample.event());
      String toBob = encoder.encode(event, bob);
      if (encoder.notShown().contains(sample.event().getClass())) {
        assertThat(toBob).as(sample.name()).isNull();
        continue;
      }
      assertThat(toBob).as(sample.name()).isEqualTo(encoder.frame(sample.event()));
      String toAlice = encoder.encode(event, alice);
      if (sample.event() instanceof TypingChanged typing && typing.userId() == alice.userId()) {
        assertThat(toAlice).as("the typist's own typing").isNull();
      } else {
        assertThat(toAlice).as(sample.name() + " framed once").isSameAs(toBob);
      }
    }
  }

  private static SocketConnection recipient(long userId) {
    return new SocketConnection(
        mock(WebSocketSession.class),
        userId,
        "user" + userId,
        "s" + userId,
        ConnectionScope.EVERYTHING,
        new FixedEncoder("{}"),
        Runnable::run,
        new SocketLimits(),
        new SocketMetrics(new SimpleMeterRegistry()));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readValue(json, JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pretty(String json) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonParser parser = PRETTY.createParser(json);
        JsonGenerator generator = PRETTY.createGenerator(out).useDefaultPrettyPrinter()) {
      while (parser.nextToken() != null) {
        generator.copyCurrentEvent(parser);
      }
    }
    return out.toString();
  }
}
