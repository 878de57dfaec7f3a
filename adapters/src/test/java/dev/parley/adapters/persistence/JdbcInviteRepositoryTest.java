package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.InviteRepositoryContract;
import dev.parley.application.port.out.InviteRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Runs the {@link dev.parley.application.contract.InviteRepositoryContract} against PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcInviteRepositoryTest extends InviteRepositoryContract implements TestPropertyProvider {
  @Inject JdbcUserRepository users;
  @Inject JdbcServerRepository servers;
  @Inject JdbcInviteRepository invites;

  @Override
  protected UserRepository users() {
    return users;
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected InviteRepository invites() {
    return invites;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
