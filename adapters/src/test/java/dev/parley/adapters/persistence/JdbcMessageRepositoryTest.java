package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.MessageRepositoryContract;
import dev.parley.application.contract.OutPorts;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.NonceAlreadyUsed;
import dev.parley.application.port.out.ServerRepository.NewServer;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
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
 * Runs the {@link dev.parley.application.contract.MessageRepositoryContract} against PostgreSQL.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMessageRepositoryTest extends MessageRepositoryContract implements TestPropertyProvider {
  @Inject JdbcOutPorts ports;
  @Inject JdbcTransactions tx;

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Test
  void aNonceClashInsideATransactionLeavesTheTransactionUsable() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    User author =
        ports
            .users()
            .create(
                new NewUser(
                    new Username("tx" + UUID.randomUUID().toString().substring(0, 8)),
                    null,
                    null,
                    "h",
                    now));
    Server server =
        ports.servers().create(new NewServer("tx server", null, null, author.id(), false, now));
    Channel channel =
        ports
            .channels()
            .create(
                new NewChannel(
                    server.id(), ChannelKind.TEXT, "tx", null, null, null, author.id(), now));
    NewMessage send = new NewMessage(channel.id(), author.id(), "once", now, null, "tx-nonce");

    Message found =
        tx.inTransaction(
            () -> {
              Message first = ports.messages().append(send);
              assertThatThrownBy(() -> ports.messages().append(send))
                  .isInstanceOf(NonceAlreadyUsed.class);
              assertThat(ports.messages().findByNonce(author.id(), "tx-nonce")).contains(first);
              return ports
                  .messages()
                  .append(new NewMessage(channel.id(), author.id(), "next", now, null, null));
            });

    assertThat(found.seq()).isEqualTo(2);
    assertThat(ports.channels().findById(channel.id()).orElseThrow().lastSeq()).isEqualTo(2);
    assertThat(ports.messages().findById(found.id())).contains(found);
  }

  @Test
  void aFailedTransactionTakesItsAppendsWithIt() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    User author =
        ports
            .users()
            .create(
                new NewUser(
                    new Username("rb" + UUID.randomUUID().toString().substring(0, 8)),
                    null,
                    null,
                    "h",
                    now));
    Channel dm =
        ports
            .channels()
            .create(new NewChannel(null, ChannelKind.DM, null, null, null, null, author.id(), now));

    assertThatThrownBy(
            () ->
                tx.run(
                    () -> {
                      ports
                          .messages()
                          .append(
                              new NewMessage(dm.id(), author.id(), "gone", now, null, "rb-nonce"));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(ports.channels().findById(dm.id()).orElseThrow().lastSeq()).isZero();
    assertThat(ports.messages().findByNonce(author.id(), "rb-nonce")).isEmpty();
    assertThat(
            ports
                .messages()
                .append(new NewMessage(dm.id(), author.id(), "kept", now, null, "rb-nonce"))
                .seq())
        .isEqualTo(1);
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
