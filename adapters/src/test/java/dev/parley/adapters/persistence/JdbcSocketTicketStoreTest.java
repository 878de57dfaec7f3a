package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.SocketTicketStoreContract;
import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcSocketTicketStoreTest extends SocketTicketStoreContract implements TestPropertyProvider {
  @Inject JdbcSocketTicketStore tickets;
  @Inject JdbcUserRepository users;

  @Override
  protected SocketTicketStore tickets() {
    return tickets;
  }

  @Override
  protected UserRepository users() {
    return users;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
