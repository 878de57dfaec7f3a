package dev.parley.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.DeclaredSettings;
import dev.parley.bootstrap.support.DeclaredSettings.Setting;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * README's Configuration table against the {@code @ConfigurationProperties} types, where each
 * default lives: every setting has a row with that default, and every row names a setting. The
 * other places that repeat a default (application.yml, "(default ...)" in README's prose,
 * docs/scaling.md's table, placeholders of {@code @Scheduled}) must agree with the type too.
 */
class ConfigurationTableTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /**
   * Rows that name no Micronaut key: the log format is read by logback's encoder from the
   * environment, before Micronaut starts.
   */
  private static final Set<String> READ_OUTSIDE_MICRONAUT = Set.of("PARLEY_LOG_FORMAT");

  /** A default cell that is a value: {@code `30m`}, optionally followed by {@code (...)}. */
  private static final Pattern LITERAL = Pattern.compile("`([^`]*)`(?: \\(.*\\))?");

  private final DeclaredSettings settings = DeclaredSettings.load();

  @Test
  void theTypesAreFound() {
    // Both modules' metadata, or a missing file would make every check below pass vacuously.
    assertThat(settings.parley())
        .containsKeys(
            "parley.socket.rate-burst", "parley.drain.timeout", "parley.redis.key-prefix");
    assertThat(settings.frameworkReads("MICRONAUT_SERVER_PORT")).isTrue();
  }

  @Test
  void readmeTableHasEverySettingWithItsDefaultAndNothingElse() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> listed = new LinkedHashSet<>();
    for (Row row : table(read("README.md"), "## Configuration")) {
      listed.addAll(check(row, problems));
    }
    for (Setting setting : settings.parley().values()) {
      if (!listed.contains(setting.variable())) {
        problems.add(
            "README's Configuration table has no row for "
                + setting.key()
                + ", e.g. | `"
                + setting.variable()
                + "` | "
                + suggestedDefault(setting.defaultValue())
                + " | ... |");
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void scalingTableAgreesWithTheTypes() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Row> rows = table(read("docs/scaling.md"), "## Configuration");
    assertThat(rows).isNotEmpty();
    rows.forEach(row -> check(row, problems));
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void readmeProseNamesTheSameDefaults() throws IOException {
    List<String> problems = new ArrayList<>();
    Matcher m =
        Pattern.compile("`(parley\\.[a-z0-9.-]+)`\\s+\\(default\\s+`([^`]*)`\\)")
            .matcher(read("README.md"));
    int found = 0;
    while (m.find()) {
      found++;
      agree(m.group(1), m.group(2), "README's prose", problems);
    }
    assertThat(found).as("README's prose names defaults").isPositive();
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void applicationYmlSetsOnlyDeclaredSettingsToTheirDefaults() throws IOException {
    Map<String, Object> yml = new Yaml().load(read("bootstrap/src/main/resources/application.yml"));
    List<String> problems = new ArrayList<>();
    Map<String, Object> leaves = new java.util.TreeMap<>();
    flatten("parley", yml.get("parley"), leaves);
    assertThat(leaves).isNotEmpty();
    leaves.forEach(
        (key, value) -> {
          // ${PARLEY_DATA_DIR:./data}: the value when the variable is unset.
          String text = value instanceof List<?> ? null : String.valueOf(value);
          if (text != null) {
            Matcher placeholder = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(text);
            if (placeholder.matches()) {
              text = placeholder.group(1);
            }
          }
          Setting setting = settings.parley().get(key);
          if (setting == null) {
            problems.add("application.yml sets " + key + ", which no settings type declares");
          } else if (value instanceof List<?> list) {
            if (!list.equals(setting.defaultValue())) {
              problems.add(
                  "application.yml sets "
                      + key
                      + " to "
                      + list
                      + ", the type's default is "
                      + setting.defaultValue());
            }
          } else {
            agree(key, text, "application.yml", problems);
          }
        });
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void placeholdersInMainCodeNameDeclaredSettingsWithTheirDefaults() throws IOException {
    // @Scheduled takes a placeholder, not a bean, so a schedule repeats its interval's default.
    Pattern placeholder = Pattern.compile("\\$\\{(parley\\.[a-z0-9.-]+)(?::([^}]*))?}");
    List<String> problems = new ArrayList<>();
    for (String module : List.of("adapters", "bootstrap")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = placeholder.matcher(Files.readString(file));
          while (m.find()) {
            if (m.group(2) == null) {
              if (!settings.parley().containsKey(m.group(1))) {
                problems.add(file.getFileName() + " names " + m.group(1) + ", which is no setting");
              }
            } else {
              agree(m.group(1), m.group(2), file.getFileName().toString(), problems);
            }
          }
        }
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  // ------------------------------------------------------------------------------- helpers

  /** One row of a Variable | Default | Meaning table. */
  record Row(String variables, String defaults) {}

  /** The checks of one row; answers the Parley variables it lists. */
  private List<String> check(Row row, List<String> problems) {
    List<String> variables = new ArrayList<>();
    for (String name : row.variables().split(" / ")) {
      Matcher quoted = Pattern.compile("`([^`]+)`").matcher(name.strip());
      if (!quoted.matches()) {
        problems.add("a row's variable is not one `NAME`: " + row.variables());
        return List.of();
      }
      // `REDIS_URI` / `redis.uri`: one setting, named both ways.
      String variable = DeclaredSettings.variableOf(quoted.group(1));
      if (!variables.contains(variable)) {
        variables.add(variable);
      }
    }
    String[] defaults = row.defaults().split(" / ");
    if (defaults.length != variables.size()) {
      problems.add(
          "the row of "
              + row.variables()
              + " names "
              + variables.size()
              + " settings but "
              + defaults.length
              + " defaults: "
              + row.defaults());
      return variables;
    }
    for (int i = 0; i < defaults.length; i++) {
      String variable = variables.get(i);
      String cell = defaults[i].strip();
      Setting setting = settings.byVariable(variable);
      if (setting == null) {
        if (!settings.frameworkReads(variable) && !READ_OUTSIDE_MICRONAUT.contains(variable)) {
          problems.add(variable + " is listed but is no setting");
        }
        continue;
      }
      Matcher literal = LITERAL.matcher(cell);
      if (literal.matches()) {
        agree(setting.key(), literal.group(1), variable, problems);
      } else if (!unset(setting.defaultValue())) {
        problems.add(
            variable
                + "'s default is given as \""
                + cell
                + "\", but the type's is "
                + suggestedDefault(setting.defaultValue()));
      }
    }
    return variables;
  }

  /** Whether {@code text}, read as Micronaut reads a configured value, is the type's default. */
  private void agree(String key, String text, String where, List<String> problems) {
    Setting setting = settings.parley().get(key);
    if (setting == null) {
      problems.add(where + " names " + key + ", which no settings type declares");
      return;
    }
    Optional<?> value = convert(text, setting.type());
    if (value.isEmpty()) {
      problems.add(where + " gives " + key + " the default \"" + text + "\", not a valid value");
    } else if (!value.get().equals(setting.defaultValue())) {
      problems.add(
          where
              + " gives "
              + key
              + " the default \""
              + text
              + "\", the type's is "
              + suggestedDefault(setting.defaultValue()));
    }
  }

  private static Optional<?> convert(String text, Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return ConversionService.SHARED.convert(text, Argument.listOf(String.class));
    }
    return ConversionService.SHARED.convert(text, Argument.of(type).getWrapperType());
  }

  private static boolean unset(Object value) {
    return value == null
        || (value instanceof String s && s.isEmpty())
        || (value instanceof Collection<?> c && c.isEmpty());
  }

  private static String suggestedDefault(Object value) {
    if (unset(value)) {
      return "unset";
    }
    if (value instanceof Duration d) {
      long s = d.toSeconds();
      if (d.toMillis() % 1000 != 0) {
        return "`" + d.toMillis() + "ms`";
      }
      return s != 0 && s % 86400 == 0
          ? "`" + s / 86400 + "d`"
          : s != 0 && s % 3600 == 0
              ? "`" + s / 3600 + "h`"
              : s != 0 && s % 60 == 0 ? "`" + s / 60 + "m`" : "`" + s + "s`";
    }
    if (value instanceof Collection<?> c) {
      return "`" + String.join(",", c.stream().map(String::valueOf).toList()) + "`";
    }
    return "`" + value + "`";
  }

  /** The rows of the first table after {@code heading}. */
  private static List<Row> table(String markdown, String heading) {
    String[] lines = markdown.substring(markdown.indexOf(heading)).split("\n");
    List<Row> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      if (!inTable) {
        inTable = true; // the header
        continue;
      }
      if (line.startsWith("|---")) {
        continue;
      }
      String[] cells = line.substring(1).split("\\|", -1);
      rows.add(new Row(cells[0].strip(), cells[1].strip()));
    }
    return rows;
  }

  private static void flatten(String prefix, Object yaml, Map<String, Object> leaves) {
    if (yaml instanceof Map<?, ?> map) {
      map.forEach((name, value) -> flatten(prefix + "." + name, value, leaves));
    } else {
      leaves.put(prefix, yaml);
    }
  }

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path));
  }
}
