package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.BanRepositoryContract;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Runs the {@link dev.parley.application.contract.BanRepositoryContract} against PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcBanRepositoryTest extends BanRepositoryContract implements TestPropertyProvider {
  @Inject JdbcUserRepository users;
  @Inject JdbcServerRepository servers;
  @Inject JdbcBanRepository bans;

  @Override
  protected UserRepository users() {
    return users;
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected BanRepository bans() {
    return bans;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
