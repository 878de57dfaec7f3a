package dev.parley.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void databaseUrlInTwelveFactorFormBecomesJdbc() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgres://app:p%40ss@db.example.com:6543/chat?sslmode=require");
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/chat?sslmode=require");
    assertThat(url.username()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.toString()).doesNotContain("p@ss");

    assertThat(DatabaseUrl.parse("postgresql://localhost/chat").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/chat");
    assertThat(DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/db?user=u");
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).isInstanceOf(StartupRefused.class);
  }

  @Test
  void weakSecretsAreNamedAndRefused() {
    assertThat(JwtSecrets.weakness("short")).contains("256 bits");
    assertThat(JwtSecrets.weakness("your-secret-key-change-this-in-production"))
        .contains("placeholder");
    assertThat(JwtSecrets.weakness("a".repeat(64))).contains("distinct");
    assertThat(JwtSecrets.weakness("q8Zr1mX0vN3cT7bW5yK2pL9sD4fG6hJ0aE1uI8oY")).isNull();
  }

  @Test
  void aNativeImageWithoutADatabaseRefusesToStartAndCreatesNothing(@TempDir Path dataDir) {
    System.setProperty("org.graalvm.nativeimage.imagecode", "runtime");
    try {
      assertThatThrownBy(
              () -> ApplicationContext.run(Map.of("parley.data-dir", dataDir.toString())).close())
          .hasRootCauseInstanceOf(StartupRefused.class)
          .rootCause()
          .hasMessageContaining("DATABASE_URL is required");
      assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
    } finally {
      System.clearProperty("org.graalvm.nativeimage.imagecode");
    }
  }

  @Test
  void anExternalDatabaseWithoutASecretRefusesToStartAndSaysWhy() {
    assertThatThrownBy(
            () -> ApplicationContext.run(Map.of("database.url", "postgres://u:p@127.0.0.1:1/none")))
        .hasRootCauseInstanceOf(StartupRefused.class)
        .rootCause()
        .hasMessageContaining("PARLEY_JWT_SECRET");

    assertThatThrownBy(
            () ->
                ApplicationContext.run(
                    Map.of(
                        "database.url", "postgres://u:p@127.0.0.1:1/none",
                        "parley.jwt-secret", "changeme")))
        .hasRootCauseInstanceOf(StartupRefused.class)
        .rootCause()
        .hasMessageContaining("too weak")
        .hasMessageNotContaining("changeme");
  }

  @Test
  void embeddedModeGeneratesOneOwnerOnlySecretAndKeepsIt(@TempDir Path dir) throws Exception {
    String first = JwtSecrets.loadOrCreate(dir);
    String second = JwtSecrets.loadOrCreate(dir);
    assertThat(first).isEqualTo(second);
    assertThat(JwtSecrets.weakness(first)).isNull();
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-secret"))))
        .isEqualTo("rw-------");
  }
}
