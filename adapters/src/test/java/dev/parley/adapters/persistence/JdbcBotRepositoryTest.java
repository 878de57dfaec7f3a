package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.BotRepositoryContract;
import dev.parley.application.contract.OutPorts;
import dev.parley.application.port.out.BotRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Runs the {@link BotRepositoryContract} against PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcBotRepositoryTest extends BotRepositoryContract implements TestPropertyProvider {
  @Inject JdbcOutPorts ports;
  @Inject JdbcBotRepository bots;

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Override
  protected BotRepository bots() {
    return bots;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
