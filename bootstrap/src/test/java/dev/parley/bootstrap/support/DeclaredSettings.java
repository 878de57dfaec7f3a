package dev.parley.bootstrap.support;

import io.micronaut.core.naming.NameUtils;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The settings of Parley's {@code @ConfigurationProperties} types with their defaults, and the
 * framework's keys, as Micronaut's annotation processor lists them in each module's {@code
 * META-INF/spring-configuration-metadata.json}: the names are Micronaut's own, not derived here.
 */
public final class DeclaredSettings {
  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  /** One setting of a Parley type: its key, the type it binds to and the type's default. */
  public record Setting(String key, Class<?> type, Class<?> source, Object defaultValue) {

    /** The environment variable Micronaut maps to this key. */
    public String variable() {
      return variableOf(key);
    }
  }

  private final Map<String, Setting> parley;
  private final List<Pattern> framework;

  private DeclaredSettings(Map<String, Setting> parley, List<Pattern> framework) {
    this.parley = parley;
    this.framework = framework;
  }

  /** Reads every metadata file on the classpath (adapters', bootstrap's, the framework's). */
  public static DeclaredSettings load() {
    Map<String, Setting> parley = new TreeMap<>();
    List<Pattern> framework = new ArrayList<>();
    JsonMapper json = JsonMapper.createDefault();
    for (URL url : resources()) {
      JsonNode metadata;
      try (InputStream in = url.openStream()) {
        metadata = json.readValue(in.readAllBytes(), JsonNode.class);
      } catch (IOException e) {
        throw new UncheckedIOException(url.toString(), e);
      }
      JsonNode properties = metadata.get("properties");
      if (properties == null) {
        continue;
      }
      for (JsonNode property : properties.values()) {
        String key = property.get("name").getStringValue();
        JsonNode sourceType = property.get("sourceType");
        String source = sourceType == null ? "" : sourceType.getStringValue();
        if (source.startsWith("dev.parley.")) {
          parley.put(key, setting(key, source));
        } else {
          framework.add(variablePattern(key));
        }
      }
    }
    return new DeclaredSettings(Collections.unmodifiableMap(parley), framework);
  }

  /** Parley's settings by key, in key order. */
  public Map<String, Setting> parley() {
    return parley;
  }

  /** The Parley setting this environment variable sets, or null. */
  public Setting byVariable(String variable) {
    for (Setting setting : parley.values()) {
      if (setting.variable().equals(variable)) {
        return setting;
      }
    }
    return null;
  }

  /** True when some framework module on the classpath declares a key this variable sets. */
  public boolean frameworkReads(String variable) {
    return framework.stream().anyMatch(p -> p.matcher(variable).matches());
  }

  /** A key in its environment variable form: upper case, dots and dashes as underscores. */
  public static String variableOf(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Pattern variablePattern(String key) {
    // Keys of @EachProperty types name their entries with '*' (micronaut.executors.*.type).
    String[] parts = variableOf(key).split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append("[A-Z0-9_]+");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  private static Setting setting(String key, String sourceName) {
    try {
      Class<?> source = Class.forName(sourceName);
      Object defaults = source.getDeclaredConstructor().newInstance();
      String property = NameUtils.camelCase(key.substring(key.lastIndexOf('.') + 1));
      Method getter = getter(source, property);
      return new Setting(key, getter.getReturnType(), source, getter.invoke(defaults));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(key + ": cannot read the default of " + sourceName, e);
    }
  }

  private static Method getter(Class<?> source, String property) throws NoSuchMethodException {
    String capitalized = NameUtils.capitalize(property);
    try {
      return source.getMethod("get" + capitalized);
    } catch (NoSuchMethodException e) {
      return source.getMethod("is" + capitalized);
    }
  }

  private static List<URL> resources() {
    try {
      Enumeration<URL> found = DeclaredSettings.class.getClassLoader().getResources(METADATA);
      return Collections.list(found);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
