package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.OutPorts;
import dev.parley.application.contract.ReactionRepositoryContract;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.ReactionRepository.Added;
import dev.parley.application.port.out.ReactionRepository.Bounds;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the {@link dev.parley.application.contract.ReactionRepositoryContract} against PostgreSQL.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcReactionRepositoryTest extends ReactionRepositoryContract
    implements TestPropertyProvider {
  @Inject JdbcOutPorts ports;
  @Inject JdbcTransactions tx;

  private static final Bounds BOUNDS = new Bounds(20, 10);

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Test
  void aRepeatedReactionInsideATransactionLeavesTheTransactionUsable() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    User user =
        ports
            .users()
            .create(
                new NewUser(
                    new Username("rx" + UUID.randomUUID().toString().substring(0, 8)),
                    null,
                    null,
                    "h",
                    now));
    Channel dm =
        ports
            .channels()
            .create(new NewChannel(null, ChannelKind.DM, null, null, null, null, user.id(), now));
    Message message =
        ports.messages().append(new NewMessage(dm.id(), user.id(), "hi", now, null, null));

    int count =
        tx.inTransaction(
            () -> {
              assertThat(ports.reactions().add(message.id(), user.id(), "👍", now, BOUNDS))
                  .isEqualTo(Added.ADDED);
              assertThat(ports.reactions().add(message.id(), user.id(), "👍", now, BOUNDS))
                  .isEqualTo(Added.ALREADY);
              assertThat(ports.reactions().add(message.id(), user.id(), "🎉", now, BOUNDS))
                  .isEqualTo(Added.ADDED);
              return ports.reactions().count(message.id(), "👍");
            });

    assertThat(count).isEqualTo(1);
    assertThat(ports.reactions().count(message.id(), "🎉")).isEqualTo(1);
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
