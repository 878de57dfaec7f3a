package dev.parley.adapters.persistence;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.ChannelChangeLogContract;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.UserRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Runs the {@link ChannelChangeLogContract} against PostgreSQL. */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcChannelChangeLogTest extends ChannelChangeLogContract implements TestPropertyProvider {
  @Inject JdbcUserRepository users;
  @Inject JdbcServerRepository servers;
  @Inject JdbcChannelRepository channels;
  @Inject JdbcMessageRepository messages;
  @Inject JdbcChannelChangeLog changes;

  @Override
  protected UserRepository users() {
    return users;
  }

  @Override
  protected ServerRepository servers() {
    return servers;
  }

  @Override
  protected ChannelRepository channels() {
    return channels;
  }

  @Override
  protected MessageRepository messages() {
    return messages;
  }

  @Override
  protected ChannelChangeLog changes() {
    return changes;
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
