package dev.parley.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.adapters.testing.TestPostgres;
import dev.parley.application.contract.AttachmentRepositoryContract;
import dev.parley.application.contract.OutPorts;
import dev.parley.application.port.out.AttachmentRepository.NewAttachment;
import dev.parley.application.port.out.ChannelRepository.NewChannel;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the {@link dev.parley.application.contract.AttachmentRepositoryContract} against PostgreSQL.
 */
@MicronautTest(startApplication = false, transactional = false, environments = "adapters-test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcAttachmentRepositoryTest extends AttachmentRepositoryContract
    implements TestPropertyProvider {
  @Inject JdbcOutPorts ports;
  @Inject JdbcTransactions tx;

  @Override
  protected OutPorts ports() {
    return ports;
  }

  @Test
  void namesStoredBeforeTheyWereCleanedAreShownClean() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    User user =
        ports
            .users()
            .create(
                new NewUser(
                    new Username("an" + UUID.randomUUID().toString().substring(0, 8)),
                    null,
                    null,
                    "h",
                    now));
    Channel dm =
        ports
            .channels()
            .create(new NewChannel(null, ChannelKind.DM, null, null, null, null, user.id(), now));
    // The repository stores what it is given; the upload service cleans names before that.
    Attachment old =
        ports
            .attachments()
            .saveWithinQuota(
                new NewAttachment(
                    dm.id(),
                    user.id(),
                    "invoice\u202Efdp.exe",
                    "text/plain",
                    1,
                    "0".repeat(64),
                    UUID.randomUUID().toString(),
                    now),
                Long.MAX_VALUE)
            .orElseThrow();

    assertThat(ports.attachments().findById(old.id()).orElseThrow().filename())
        .isEqualTo("invoicefdp.exe");
  }

  @Test
  void attachingInsideTheSendersTransactionRollsBackWithIt() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    User user =
        ports
            .users()
            .create(
                new NewUser(
                    new Username("at" + UUID.randomUUID().toString().substring(0, 8)),
                    null,
                    null,
                    "h",
                    now));
    Channel dm =
        ports
            .channels()
            .create(new NewChannel(null, ChannelKind.DM, null, null, null, null, user.id(), now));
    Attachment file =
        ports
            .attachments()
            .saveWithinQuota(
                new NewAttachment(
                    dm.id(),
                    user.id(),
                    "a.txt",
                    "text/plain",
                    1,
                    "0".repeat(64),
                    UUID.randomUUID().toString(),
                    now),
                Long.MAX_VALUE)
            .orElseThrow();

    assertThatThrownBy(
            () ->
                tx.inTransaction(
                    () -> {
                      Message m =
                          ports
                              .messages()
                              .append(new NewMessage(dm.id(), user.id(), "", now, null, null));
                      assertThat(ports.attachments().attachToMessage(List.of(file.id()), m.id()))
                          .isEqualTo(1);
                      throw new IllegalStateException("the send failed after attaching");
                    }))
        .hasMessageContaining("the send failed");

    assertThat(ports.attachments().findById(file.id()).orElseThrow().messageId()).isNull();
    assertThat(ports.channels().findById(dm.id()).orElseThrow().lastSeq()).isZero();
  }

  @Override
  public Map<String, String> getProperties() {
    return TestPostgres.freshDatasourceProperties();
  }
}
