package dev.parley.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.security.SecretStrength;
import dev.parley.adapters.web.socket.SocketLimits;
import dev.parley.bootstrap.config.DrainSettings;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.DeclaredSettings;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment recipes under deploy/ hold together with Parley itself: every file parses, the
 * settings they set are ones Parley reads, the probe paths answer on a real node, the stop timeouts
 * exceed the drain, and the images build and run the artifacts the build really makes. No container
 * engine runs here, so this is as far as the files can be checked without one.
 */
@MicronautTest(transactional = false)
class DeployRecipesTest extends ApiTestBase {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEPLOY = ROOT.resolve("deploy");
  private static final List<String> NODES = List.of("parley-1", "parley-2");

  // ---------------------------------------------------------------------------------- parsing

  @Test
  void everyYamlFileParsesAndEveryManifestNamesItsKind() {
    List<String> found = new ArrayList<>();
    for (Path file : files(DEPLOY, ".yaml", ".yml")) {
      String name = DEPLOY.relativize(file).toString();
      found.add(name);
      List<Object> documents = new ArrayList<>();
      new Yaml().loadAll(read(file)).forEach(documents::add);
      assertThat(documents).as(name).isNotEmpty().doesNotContainNull();
      for (Object document : documents) {
        assertThat(document).as(name).isInstanceOf(Map.class);
        if (name.startsWith("k8s")) {
          Map<String, Object> manifest = map(document);
          assertThat(manifest).as(name).containsKeys("apiVersion", "kind", "metadata");
          assertThat(str(at(manifest, "metadata.name"))).as(name).isNotBlank();
        }
      }
    }
    assertThat(found)
        .contains(
            "compose.yaml",
            "k8s/deployment.yaml",
            "k8s/service.yaml",
            "k8s/pdb.yaml",
            "k8s/ingress.yaml",
            "k8s/pvc.yaml",
            "k8s/secret.example.yaml");
  }

  // ---------------------------------------------------------------------------------- compose

  @Test
  void composeRunsPostgresRedisTwoNodesAndNginxFromThisRepository() {
    Map<String, Object> services = map(compose().get("services"));
    assertThat(services.keySet())
        .containsExactlyInAnyOrder("postgres", "redis", "parley-1", "parley-2", "nginx");
    assertThat(str(at(services, "postgres.image"))).startsWith("postgres:15");
    assertThat(str(at(services, "redis.image"))).startsWith("redis:7");
    for (String node : NODES) {
      Path context = DEPLOY.resolve(str(at(services, node + ".build.context"))).normalize();
      assertThat(context).as(node + " build context").isEqualTo(ROOT);
      assertThat(context.resolve(str(at(services, node + ".build.dockerfile"))))
          .as(node + " dockerfile")
          .isEqualTo(DEPLOY.resolve("Dockerfile"));
      assertThat(Files.exists(context.resolve(".dockerignore"))).as(".dockerignore").isTrue();
      assertThat(list(at(services, node + ".expose"))).map(String::valueOf).containsExactly("8080");
      assertThat(map(at(services, node + ".depends_on"))).containsKeys("postgres", "redis");
    }
    assertThat(list(at(services, "nginx.volumes")))
        .contains("./nginx.conf:/etc/nginx/nginx.conf:ro");
    assertThat(Files.exists(DEPLOY.resolve("nginx.conf"))).isTrue();
    assertThat(map(at(services, "nginx.depends_on")).keySet()).containsAll(NODES);
  }

  @Test
  void theNodesSetOnlySettingsParleyReadsAndShareDatabaseSecretAndRedis() {
    Map<String, Object> services = map(compose().get("services"));
    Map<String, Object> first = map(at(services, "parley-1.environment"));
    assertThat(map(at(services, "parley-2.environment"))).isEqualTo(first);
    assertThat(first).containsKeys("DATABASE_URL", "PARLEY_JWT_SECRET", "REDIS_URI");
    // The secret comes from the operator's environment, never from this file.
    assertThat(str(first.get("PARLEY_JWT_SECRET"))).startsWith("${PARLEY_JWT_SECRET:?");
    assertThat(str(first.get("DATABASE_URL"))).startsWith("postgres://");
    assertThat(str(first.get("REDIS_URI"))).startsWith("redis://redis:");

    Set<String> settings = new HashSet<>(first.keySet());
    Map<String, Object> container = container();
    for (Object variable : list(container.get("env"))) {
      settings.add(str(map(variable).get("name")));
    }
    Map<String, Object> secret = k8s("secret.example.yaml");
    settings.addAll(map(secret.get("stringData")).keySet());
    assertThat(settings).contains("DATABASE_URL", "PARLEY_JWT_SECRET", "REDIS_URI");
    KnownSettings known = KnownSettings.load(ROOT);
    for (String setting : settings) {
      assertThat(known.reads(setting)).as(setting + " is a setting Parley reads").isTrue();
    }
    assertThat(known.reads("PARLEY_SECURITY_TRUST_FORWARD")).as("a misspelt setting").isFalse();

    // The Deployment takes the Secret by name; the example's JWT secret cannot go live as is.
    assertThat(str(at(map(list(container.get("envFrom")).get(0)), "secretRef.name")))
        .isEqualTo(str(at(secret, "metadata.name")));
    assertThat(SecretStrength.weakness(str(at(secret, "stringData.PARLEY_JWT_SECRET"))))
        .as("the example secret is refused at startup")
        .isNotNull();
  }

  // --------------------------------------------------------------------------------- probes

  @Test
  void theDeploymentsProbesAreParleysProbesAndAnswerOnARealNode() {
    Map<String, Object> container = container();
    assertThat(str(at(container, "livenessProbe.httpGet.path"))).isEqualTo("/health/liveness");
    assertThat(str(at(container, "readinessProbe.httpGet.path"))).isEqualTo("/health/readiness");
    assertThat(str(at(container, "startupProbe.httpGet.path"))).isEqualTo("/health/readiness");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(str(at(container, probe + ".httpGet.port"))).isEqualTo("http");
      String path = str(at(container, probe + ".httpGet.path"));
      assertThat(api.get(path, null).status()).as(probe + " " + path).isEqualTo(200);
    }
    Map<String, Object> port = map(list(container.get("ports")).get(0));
    assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080);
    // Longer than the pool's wait for a connection, so a database outage is a 503, not a timeout.
    long poolWaitMillis =
        server
            .getApplicationContext()
            .getProperty("datasources.default.connection-timeout", Long.class)
            .orElseThrow();
    assertThat(integer(at(container, "readinessProbe.timeoutSeconds")) * 1000L)
        .isGreaterThan(poolWaitMillis);

    // The images' own health check asks a path that answers, too.
    for (String dockerfile : List.of("Dockerfile", "Dockerfile.native")) {
      Matcher healthcheck =
          Pattern.compile("HEALTHCHECK[^\\n]*\\n[^\\n]*GET (\\S+) HTTP")
              .matcher(read(DEPLOY.resolve(dockerfile)));
      assertThat(healthcheck.find()).as(dockerfile + " HEALTHCHECK").isTrue();
      assertThat(api.get(healthcheck.group(1), null).status()).as(dockerfile).isEqualTo(200);
    }
  }

  @Test
  void stopTimeoutsExceedTheDrainConfiguredInApplicationYml() {
    Map<String, Object> yml = map(new Yaml().load(read(applicationYml())));
    Duration drain = duration(str(at(yml, "parley.drain.timeout")));
    // The node reads the same key (Parley.drain, through DrainSettings).
    assertThat(server.getApplicationContext().getBean(DrainSettings.class).getTimeout())
        .isEqualTo(drain);
    // Two phases of up to the timeout each (sockets and commits, then the framework's stop).
    Duration needed = drain.multipliedBy(2);
    Map<String, Object> deployment = k8s("deployment.yaml");
    Duration grace =
        Duration.ofSeconds(
            integer(at(deployment, "spec.template.spec.terminationGracePeriodSeconds")));
    assertThat(grace).as("terminationGracePeriodSeconds").isGreaterThan(needed);
    for (String node : NODES) {
      Duration stop =
          duration(str(at(map(compose().get("services")), node + ".stop_grace_period")));
      assertThat(stop).as(node + " stop_grace_period").isGreaterThan(needed);
    }
  }

  // ------------------------------------------------------------------------------ kubernetes

  @Test
  void serviceBudgetIngressAndVolumeFitTheDeployment() {
    Map<String, Object> deployment = k8s("deployment.yaml");
    Map<String, Object> labels = map(at(deployment, "spec.template.metadata.labels"));
    assertThat(integer(at(deployment, "spec.replicas"))).isEqualTo(2);
    assertThat(map(at(deployment, "spec.selector.matchLabels"))).isEqualTo(labels);
    Map<String, Object> container = container();
    assertThat(map(at(container, "resources.requests"))).containsKeys("cpu", "memory");
    assertThat(map(at(container, "resources.limits"))).containsKey("memory");

    Map<String, Object> service = k8s("service.yaml");
    assertThat(labels).containsAllEntriesOf(map(at(service, "spec.selector")));
    Map<String, Object> servicePort = map(list(at(service, "spec.ports")).get(0));
    assertThat(servicePort).containsEntry("targetPort", "http");

    Map<String, Object> budget = k8s("pdb.yaml");
    assertThat(str(budget.get("kind"))).isEqualTo("PodDisruptionBudget");
    assertThat(integer(at(budget, "spec.minAvailable"))).isEqualTo(1);
    assertThat(map(at(budget, "spec.selector.matchLabels"))).isEqualTo(labels);

    Map<String, Object> ingress = k8s("ingress.yaml");
    Map<String, Object> backend =
        map(
            at(
                map(list(at(map(list(at(ingress, "spec.rules")).get(0)), "http.paths")).get(0)),
                "backend.service"));
    assertThat(str(backend.get("name"))).isEqualTo(str(at(service, "metadata.name")));
    assertThat(str(at(backend, "port.name"))).isEqualTo(str(servicePort.get("name")));
    Map<String, Object> annotations = map(at(ingress, "metadata.annotations"));
    long heartbeatTimeout = heartbeatTimeout().toSeconds();
    for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
      assertThat(Long.parseLong(str(annotations.get("nginx.ingress.kubernetes.io/" + timeout))))
          .as(timeout + " above the socket heartbeat timeout")
          .isGreaterThan(heartbeatTimeout);
    }
    assertThat(str(annotations.get("nginx.ingress.kubernetes.io/proxy-next-upstream")))
        .contains("http_503");
    assertThat(bytes(str(annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"))))
        .isGreaterThanOrEqualTo(maxRequestBytes());

    Map<String, Object> claim = k8s("pvc.yaml");
    Map<String, Object> data =
        list(at(deployment, "spec.template.spec.volumes")).stream()
            .map(DeployRecipesTest::map)
            .filter(v -> "data".equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(str(at(data, "persistentVolumeClaim.claimName")))
        .isEqualTo(str(at(claim, "metadata.name")));
    // Every replica serves every attachment.
    assertThat(list(at(claim, "spec.accessModes"))).containsExactly("ReadWriteMany");
  }

  // -------------------------------------------------------------------------------- images

  @Test
  void theJvmImageBuildsAndRunsTheJarTheBuildMakes() {
    String dockerfile = read(DEPLOY.resolve("Dockerfile"));
    List<String> from = lines(dockerfile, "FROM ");
    assertThat(from.get(0)).contains("eclipse-temurin:17-jdk").endsWith(" AS build");
    assertThat(from.get(from.size() - 1)).contains("eclipse-temurin:17-jre");
    Document pom = pom();
    String jar = "bootstrap/target/" + text(pom, "build", "finalName") + ".jar";
    assertThat(jar).isEqualTo("bootstrap/target/parley.jar");
    assertThat(dockerfile).contains("cp " + jar + " ");
    assertThat(read(ROOT.resolve("bootstrap/pom.xml"))).contains("maven-shade-plugin");
    mavenSwitchesExist(dockerfile);
    assertThat(lines(dockerfile, "USER ")).singleElement().asString().doesNotContain("root");
    assertThat(lines(dockerfile, "EXPOSE ")).containsExactly("EXPOSE 8080");
    // Exec form: the JVM is PID 1 and gets the SIGTERM that starts the drain.
    assertThat(lines(dockerfile, "ENTRYPOINT ")).singleElement().asString().contains("[\"java\"");
    assertThat(lines(dockerfile, "ENTRYPOINT ").get(0)).contains("/opt/parley/parley.jar");
  }

  @Test
  void theNativeImageBuildsWithTheProjectsNativeProfile() {
    String dockerfile = read(DEPLOY.resolve("Dockerfile.native"));
    assertThat(lines(dockerfile, "FROM ").get(0)).contains("graalvm").contains("native-image");
    assertThat(dockerfile).contains("-Dpackaging=native-image");
    Element profile = nativeProfile(pom());
    assertThat(text(profile, "activation", "property", "value")).isEqualTo("native-image");
    assertThat(text(profile, "activation", "property", "name")).isEqualTo("packaging");
    String image =
        "bootstrap/target/" + profile.getElementsByTagName("imageName").item(0).getTextContent();
    assertThat(dockerfile).contains("cp " + image + " ");
    mavenSwitchesExist(dockerfile);
    assertThat(lines(dockerfile, "USER ")).singleElement().asString().doesNotContain("root");
    assertThat(lines(dockerfile, "ENTRYPOINT "))
        .singleElement()
        .asString()
        .startsWith("ENTRYPOINT [");
  }

  // --------------------------------------------------------------------------------- nginx

  @Test
  void nginxPassesUpgradesKeepsSocketsOpenAndHidesMetricsAndTokens() {
    String conf = read(DEPLOY.resolve("nginx.conf"));
    assertThat(conf).contains("proxy_http_version 1.1;");
    assertThat(conf).containsPattern("proxy_set_header\\s+Upgrade\\s+\\$http_upgrade;");
    assertThat(conf).containsPattern("proxy_set_header\\s+Connection\\s+\\$connection_upgrade;");
    assertThat(conf)
        .containsPattern(
            "map\\s+\\$http_upgrade\\s+\\$connection_upgrade\\s*\\{\\s*default\\s+upgrade;");
    assertThat(conf)
        .containsPattern("proxy_set_header\\s+X-Forwarded-For\\s+\\$proxy_add_x_forwarded_for;");
    assertThat(conf).containsPattern("proxy_set_header\\s+Host\\s+\\$http_host;");
    assertThat(conf)
        .containsPattern("location\\s*=\\s*/metrics\\s*\\{\\s*(return\\s+404|deny\\s+all);");
    assertThat(conf).containsPattern("proxy_next_upstream\\s[^;]*http_503");

    Matcher read = Pattern.compile("proxy_read_timeout\\s+(\\d+)s;").matcher(conf);
    assertThat(read.find()).as("proxy_read_timeout").isTrue();
    assertThat(Long.parseLong(read.group(1))).isGreaterThan(heartbeatTimeout().toSeconds());

    Matcher body = Pattern.compile("client_max_body_size\\s+(\\S+);").matcher(conf);
    assertThat(body.find()).isTrue();
    assertThat(bytes(body.group(1))).isGreaterThanOrEqualTo(maxRequestBytes());

    // The upstream is exactly compose's two nodes on their port.
    Matcher servers =
        Pattern.compile("^\\s*server\\s+([\\w.-]+):(\\d+)", Pattern.MULTILINE).matcher(conf);
    List<String> upstream = new ArrayList<>();
    while (servers.find()) {
      upstream.add(servers.group(1) + ":" + servers.group(2));
    }
    assertThat(upstream).containsExactly("parley-1:8080", "parley-2:8080");

    // Socket tokens travel in the query string: the access log must not print it.
    Matcher format = Pattern.compile("log_format\\s+(\\w+)([^;]*);").matcher(conf);
    assertThat(format.find()).isTrue();
    assertThat(format.group(2))
        .doesNotContainPattern("\\$(request|request_uri|args|query_string|arg_\\w+)(?![_a-z])");
    assertThat(conf).containsPattern("access_log\\s+\\S+\\s+" + format.group(1) + ";");
  }

  // ------------------------------------------------------------------------------- helpers

  /**
   * Which environment variables Parley reads, found in its settings types, its main sources and
   * application.yml.
   */
  record KnownSettings(String sources, Set<String> yamlKeys, DeclaredSettings declared) {
    static KnownSettings load(Path root) {
      StringBuilder text = new StringBuilder();
      for (String module : List.of("domain", "application", "adapters", "bootstrap")) {
        for (Path file :
            files(
                root.resolve(module).resolve("src/main"), ".java", ".xml", ".yml", ".properties")) {
          text.append(read(file)).append('\n');
        }
      }
      Set<String> keys = new HashSet<>();
      flatten(
          "",
          map(new Yaml().load(read(root.resolve("bootstrap/src/main/resources/application.yml")))),
          keys);
      return new KnownSettings(text.toString(), keys, DeclaredSettings.load());
    }

    /**
     * True when {@code variable} is read as such ({@code "NAME"} or {@code ${NAME}}), sets a
     * property of a settings type, or when one of the property keys Micronaut maps it to (lower
     * case, each {@code _} a {@code .} or a {@code -}) is set in application.yml or named in code
     * ({@code "key"}, {@code ${key:...}}).
     */
    boolean reads(String variable) {
      if (sources.contains("\"" + variable + "\"") || sources.contains("${" + variable)) {
        return true;
      }
      if (declared.byVariable(variable) != null) {
        return true;
      }
      for (String key : propertyKeys(variable)) {
        if (yamlKeys.contains(key)
            || sources.contains("\"" + key + "\"")
            || sources.contains("${" + key + ":")
            || sources.contains("${" + key + "}")) {
          return true;
        }
      }
      return false;
    }

    private static List<String> propertyKeys(String variable) {
      String[] words = variable.toLowerCase(Locale.ROOT).split("_");
      List<String> keys = new ArrayList<>(List.of(words[0]));
      for (int i = 1; i < words.length; i++) {
        List<String> longer = new ArrayList<>();
        for (String key : keys) {
          longer.add(key + "." + words[i]);
          longer.add(key + "-" + words[i]);
        }
        keys = longer;
      }
      return keys;
    }

    private static void flatten(String prefix, Map<String, Object> yaml, Set<String> keys) {
      yaml.forEach(
          (name, value) -> {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            keys.add(key);
            if (value instanceof Map<?, ?> nested) {
              flatten(key, map(nested), keys);
            }
          });
    }
  }

  /**
   * Every {@code -Dname} of a Maven command in {@code dockerfile} is a property the build knows.
   */
  private static void mavenSwitchesExist(String dockerfile) {
    Matcher mvn = Pattern.compile("\\./mvnw ([^\\n&]*)").matcher(dockerfile);
    assertThat(mvn.find()).as("a ./mvnw command").isTrue();
    String command = mvn.group(1);
    assertThat(command).contains("-pl bootstrap -am");
    String poms = read(ROOT.resolve("pom.xml")) + read(ROOT.resolve("bootstrap/pom.xml"));
    Matcher property = Pattern.compile("-D([\\w.-]+)").matcher(command);
    while (property.find()) {
      String name = property.group(1);
      if (name.equals("skipTests")) {
        continue; // Surefire's and Failsafe's own switch
      }
      assertThat(poms)
          .as("-D" + name + " is a property of the build")
          .containsAnyOf("<" + name + ">", "<name>" + name + "</name>", "${" + name + "}");
    }
  }

  private Duration heartbeatTimeout() {
    return server.getApplicationContext().getBean(SocketLimits.class).getHeartbeatTimeout();
  }

  private long maxRequestBytes() {
    return bytes(
        server
            .getApplicationContext()
            .getProperty("micronaut.server.max-request-size", String.class)
            .orElseThrow());
  }

  /** A size as nginx or Micronaut write it (10m, 9MB, 1048576). */
  private static long bytes(String size) {
    Matcher m = Pattern.compile("(\\d+)\\s*([kKmMgG]?)[bB]?").matcher(size.strip());
    assertThat(m.matches()).as(size).isTrue();
    long unit =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    return Long.parseLong(m.group(1)) * unit;
  }

  private static Duration duration(String value) {
    return ConversionService.SHARED.convertRequired(value, Duration.class);
  }

  private static Map<String, Object> compose() {
    return map(new Yaml().load(read(DEPLOY.resolve("compose.yaml"))));
  }

  private static Map<String, Object> k8s(String file) {
    return map(new Yaml().load(read(DEPLOY.resolve("k8s").resolve(file))));
  }

  private static Map<String, Object> container() {
    List<Object> containers = list(at(k8s("deployment.yaml"), "spec.template.spec.containers"));
    assertThat(containers).hasSize(1);
    return map(containers.get(0));
  }

  private static Path applicationYml() {
    return ROOT.resolve("bootstrap/src/main/resources/application.yml");
  }

  private static Document pom() {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(ROOT.resolve("bootstrap/pom.xml").toFile());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of the element at {@code path} under the project element (direct children). */
  private static String text(Document pom, String... path) {
    return text(pom.getDocumentElement(), path);
  }

  private static String text(Element from, String... path) {
    Element current = from;
    for (String name : path) {
      Element next = null;
      for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element e && e.getTagName().equals(name)) {
          next = e;
          break;
        }
      }
      assertThat(next).as("<" + name + "> in bootstrap/pom.xml").isNotNull();
      current = next;
    }
    return current.getTextContent().strip();
  }

  private static Element nativeProfile(Document pom) {
    var profiles = pom.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      if ("native-image".equals(text(profile, "id"))) {
        return profile;
      }
    }
    throw new AssertionError("no native-image profile in bootstrap/pom.xml");
  }

  private static List<String> lines(String dockerfile, String instruction) {
    return dockerfile
        .lines()
        .filter(line -> line.startsWith(instruction))
        .collect(Collectors.toList());
  }

  private static Object at(Map<String, Object> root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      assertThat(current).as(path).isInstanceOf(Map.class);
      Map<String, Object> map = map(current);
      assertThat(map).as(path).containsKey(key);
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return new LinkedHashMap<>((Map<String, Object>) value);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static String str(Object value) {
    assertThat(value).isNotNull();
    return String.valueOf(value);
  }

  private static int integer(Object value) {
    assertThat(value).isInstanceOf(Integer.class);
    return (Integer) value;
  }

  private static List<Path> files(Path dir, String... suffixes) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
