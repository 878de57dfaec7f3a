package dev.parley.bootstrap.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The resources Parley loads at run time are declared for native-image: a native build leaves out
 * whatever its resource-config.json does not name, and nothing else would notice before production.
 */
class NativeImageConfigTest {
  private static final String CONFIG = "META-INF/native-image/dev.parley/parley-bootstrap/";

  @Test
  void everyResourceParleyLoadsIsDeclared() throws IOException {
    List<Pattern> patterns = declaredPatterns();
    List<String> needed = new ArrayList<>();
    needed.add("application.yml");
    needed.add("logback.xml");
    needed.add("public/test.html");
    needed.add("META-INF/swagger/parley.yml");
    needed.add("META-INF/swagger/views/swagger-ui/index.html");
    try (Stream<Path> migrations =
        Files.list(Path.of("../adapters/src/main/resources/db/migration"))) {
      migrations.forEach(m -> needed.add("db/migration/" + m.getFileName()));
    }
    assertThat(needed).anyMatch(n -> n.startsWith("db/migration/V1__"));
    for (String resource : needed) {
      assertThat(getClass().getClassLoader().getResource(resource))
          .as("%s is on the classpath", resource)
          .isNotNull();
      assertThat(patterns)
          .as("%s is declared in resource-config.json", resource)
          .anyMatch(p -> p.matcher(resource).matches());
    }
  }

  @Test
  void nativeImageOptionsAreOnTheClasspath() throws IOException {
    assertThat(read(CONFIG + "native-image.properties")).contains("Args =", "--enable-https");
  }

  private static List<Pattern> declaredPatterns() throws IOException {
    Matcher m =
        Pattern.compile("\"pattern\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(read(CONFIG + "resource-config.json"));
    List<Pattern> patterns = new ArrayList<>();
    while (m.find()) {
      patterns.add(Pattern.compile(m.group(1).replace("\\\\", "\\")));
    }
    assertThat(patterns).isNotEmpty();
    return patterns;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in =
        NativeImageConfigTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
