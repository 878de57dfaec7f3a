package dev.parley.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL started as the process launches, and handed to the context. */
class EmbeddedPrestartTest {

  @AfterEach
  void forgetUnclaimed() {
    EmbeddedPrestart.abandon();
  }

  @Test
  void theContextUsesTheServerStartedAtLaunch(@TempDir Path dataDir) {
    EmbeddedPrestart.begin("--parley.data-dir=" + dataDir);
    try (EmbeddedServer server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "parley.data-dir", dataDir.toString(),
                "micronaut.server.port", "-1",
                "parley.security.bcrypt-cost", "4"))) {
      assertThat(server.getApplicationContext().getBean(EmbeddedDatabase.class).startedEarly())
          .isTrue();
      Api api = new Api(server.getURI());
      assertThat(api.get("/health", null).status()).isEqualTo(200);
      String name = Api.uniqueName("early");
      assertThat(
              api.post(
                      "/auth/register",
                      "{\"username\":\"" + name + "\",\"password\":\"password123\"}",
                      null)
                  .status())
          .isEqualTo(201);
    }
    // The pool closed before the server it used was stopped, as for a server the bean started.
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  @Test
  void nothingStartsWhenADatabaseIsConfigured(@TempDir Path dataDir) throws Exception {
    EmbeddedPrestart.begin(
        "--parley.data-dir=" + dataDir, "--database.url=postgres://u:p@127.0.0.1:1/none");
    assertThat(EmbeddedPrestart.claim(ParleySettings.normalise(dataDir.toString()))).isEmpty();
    assertThat(dataDir.resolve("postgres")).doesNotExist();
  }

  @Test
  void aServerForAnotherDirectoryIsStoppedNotUsed(@TempDir Path early, @TempDir Path wanted)
      throws Exception {
    EmbeddedPrestart.begin("--parley.data-dir=" + early);
    Optional<EmbeddedPostgres> claimed =
        EmbeddedPrestart.claim(ParleySettings.normalise(wanted.toString()));
    assertThat(claimed).isEmpty();
    assertThat(early.resolve("postgres/PG_VERSION")).exists();
    assertThat(early.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  @Test
  void anUnclaimedServerIsStoppedWhenTheStartIsRefused(@TempDir Path dataDir) {
    EmbeddedPrestart.begin("--parley.data-dir=" + dataDir);
    EmbeddedPrestart.abandon();
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }
}
