package dev.parley.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.ApiTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who operates the public server: the configured list, else the demo admin with demo data. */
class PublicServerOperatorSettingsTest {
  private static final String DATABASE = "postgres://u:p@db.example.com/chat";

  @TempDir Path dataDir;

  private ParleySettings settings(String database, String demoData, List<String> operators) {
    return new ParleySettings(
        dataDir.toString(),
        database,
        null,
        database == null ? null : ApiTestBase.SECRET,
        demoData,
        operators);
  }

  @Test
  void embeddedWithDemoDataTheDemoAdminOperatesByDefault() {
    assertThat(settings(null, null, null).publicServerOperators()).containsExactly("admin");
    assertThat(settings(null, "false", null).publicServerOperators()).isEmpty();
  }

  @Test
  void withAnExternalDatabaseNobodyOperatesUnlessListed() {
    assertThat(settings(DATABASE, null, null).publicServerOperators()).isEmpty();
    assertThat(settings(DATABASE, null, List.of(" alice ", "", "bob")).publicServerOperators())
        .containsExactly("alice", "bob");
  }

  @Test
  void anExplicitListReplacesTheDemoAdmin() {
    assertThat(settings(null, "true", List.of("carol")).publicServerOperators())
        .containsExactly("carol");
    assertThat(settings(null, "true", List.of()).publicServerOperators()).isEmpty();
  }
}
