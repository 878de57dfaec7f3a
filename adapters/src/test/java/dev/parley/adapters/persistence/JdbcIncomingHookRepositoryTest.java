package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.IncomingHookRepositoryContract;
import dev.parley.application.contract.OutPorts;
import dev.parley.application.port.out.IncomingHookRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Runs the {@link IncomingHookRepositoryContract} against PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcIncomingHookRepositoryTest extends IncomingHookRepositoryContract
    implements TestPropertyProvider {
  @Inject JdbcOutPorts ports;
  @Inject JdbcIncomingHookRepository hooks;

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Override
  protected IncomingHookRepository hooks() {
    return hooks;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
