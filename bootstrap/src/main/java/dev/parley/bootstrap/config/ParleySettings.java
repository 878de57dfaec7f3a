package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;

/**
 * How this process runs, decided once at start: embedded PostgreSQL under the data directory when
 * no database is configured, else the configured server, which also demands a strong JWT secret.
 */
@Context
public class ParleySettings {
  /** Why a build without the embedded PostgreSQL (a native image) will not start on its own. */
  static final String NO_EMBEDDED_DATABASE =
      "DATABASE_URL is required: this build has no embedded PostgreSQL (native images leave it"
          + " out). Set DATABASE_URL=postgres://user:pass@host:5432/db and PARLEY_JWT_SECRET";

  private final Path dataDir;
  private final DatabaseUrl databaseUrl;
  private final boolean embedded;
  private final String jwtSecret;
  private final boolean demoData;
  private final List<String> publicServerOperators;

  /** For tests that need no operator list. */
  ParleySettings(
      String dataDir, String databaseUrl, String datasourceUrl, String jwtSecret, String demoData) {
    this(dataDir, databaseUrl, datasourceUrl, jwtSecret, demoData, null);
  }

  // datasources.default.url is Micronaut's own key, without a default: set, it wins over
  // DATABASE_URL (an operator who configures the datasource directly means it).
  @Inject
  ParleySettings(
      StartupSettings startup,
      DatabaseSettings database,
      @Nullable @Property(name = "datasources.default.url") String datasourceUrl,
      PublicServerSettings publicServer) {
    this(
        startup.getDataDir(),
        database.getUrl(),
        datasourceUrl,
        startup.getJwtSecret(),
        startup.getDemoData(),
        publicServer.getOperators());
  }

  ParleySettings(
      String dataDir,
      String databaseUrl,
      String datasourceUrl,
      String jwtSecret,
      String demoData,
      List<String> operators) {
    this.dataDir = normalise(dataDir);
    this.embedded = wantsEmbedded(databaseUrl, datasourceUrl);
    this.databaseUrl =
        isBlank(databaseUrl) || !isBlank(datasourceUrl) ? null : DatabaseUrl.parse(databaseUrl);
    if (embedded && inNativeImage()) {
      // Before the JWT secret is generated into a data dir that nothing will ever use.
      throw new StartupRefused(NO_EMBEDDED_DATABASE);
    }
    if (jwtSecret != null && !jwtSecret.isBlank()) {
      this.jwtSecret = JwtSecrets.requireStrong(jwtSecret.strip());
    } else if (embedded) {
      this.jwtSecret = JwtSecrets.loadOrCreate(this.dataDir);
    } else {
      throw new StartupRefused(
          "a database is configured, so PARLEY_JWT_SECRET must be set to a random secret of at"
              + " least 256 bits (e.g. openssl rand -base64 48)");
    }
    this.demoData =
        demoData == null || demoData.isBlank() ? embedded : Boolean.parseBoolean(demoData);
    // Unset: the demo admin runs the public server when there is demo data, else nobody does.
    this.publicServerOperators =
        operators != null
            ? operators.stream().map(String::strip).filter(o -> !o.isEmpty()).toList()
            : this.demoData ? List.of(DemoData.ADMIN) : List.of();
  }

  /** No database configured: neither Micronaut's datasource URL nor {@code DATABASE_URL}. */
  static boolean wantsEmbedded(String databaseUrl, String datasourceUrl) {
    return isBlank(datasourceUrl) && isBlank(databaseUrl);
  }

  static Path normalise(String dataDir) {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** True inside a GraalVM native image (the property is set by native-image itself). */
  static boolean inNativeImage() {
    return "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The database named by {@code DATABASE_URL}, when that is how it was configured. */
  public DatabaseUrl databaseUrl() {
    return databaseUrl;
  }

  /** True when Parley runs its own PostgreSQL under the data directory. */
  public boolean embedded() {
    return embedded;
  }

  public String jwtSecret() {
    return jwtSecret;
  }

  /**
   * Usernames that are ADMINs (operators) of the public server, {@code
   * parley.public-server.operators}; by default the demo admin when demo data is on.
   */
  public List<String> publicServerOperators() {
    return publicServerOperators;
  }

  /** Whether to seed the demo users, servers and rooms (default: only in embedded mode). */
  public boolean demoData() {
    return demoData;
  }
}
