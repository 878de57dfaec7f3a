package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.MembershipRepositoryContract;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the {@link dev.parley.application.contract.MembershipRepositoryContract} against PostgreSQL.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMembershipRepositoryTest extends MembershipRepositoryContract
    implements TestPropertyProvider {
  @Inject JdbcUserRepository users;
  @Inject JdbcServerRepository servers;
  @Inject JdbcMembershipRepository memberships;
  @Inject JdbcChannelRepository channels;

  @Override
  protected UserRepository users() {
    return users;
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected MembershipRepository memberships() {
    return memberships;
  }

  @Override
  protected ChannelRepository channels() {
    return channels;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
