package dev.parley.application.contract;

import static dev.parley.application.contract.Fixtures.NOW;
import static dev.parley.application.contract.Fixtures.conversation;
import static dev.parley.application.contract.Fixtures.server;
import static dev.parley.application.contract.Fixtures.textChannel;
import static dev.parley.application.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.AttachmentRepository.NewAttachment;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AttachmentRepository} must do; run against the in-memory and JDBC versions. */
public abstract class AttachmentRepositoryContract {

  protected abstract OutPorts ports();

  private User uploader;
  private Server server;
  private Channel channel;

  @BeforeEach
  void createAChannel() {
    uploader = user(ports().users());
    server = server(ports().servers(), uploader);
    channel = textChannel(ports().channels(), server, null);
  }

  @Test
  void aSavedUploadIsFoundAndNotAttached() {
    Attachment saved =
        ports()
            .attachments()
            .saveWithinQuota(
                new NewAttachment(
                    channel.id(),
                    uploader.id(),
                    "report 2026 (final).pdf",
                    "application/pdf",
                    12_345,
                    "ab".repeat(32),
                    "key-1",
                    NOW),
                Long.MAX_VALUE)
            .orElseThrow();

    assertThat(saved.id()).isPositive();
    assertThat(saved)
        .isEqualTo(
            new Attachment(
                saved.id(),
                channel.id(),
                uploader.id(),
                "report 2026 (final).pdf",
                "application/pdf",
                12_345,
                "ab".repeat(32),
                "key-1",
                NOW,
                null));
    assertThat(ports().attachments().findById(saved.id())).contains(saved);
    assertThat(ports().attachments().findById(987_654_321L)).isEmpty();
  }

  @Test
  void attachingLinksOnlyWhatNoMessageCarriesYet() {
    Attachment a = upload(channel);
    Attachment b = upload(channel);
    Attachment c = upload(channel);
    Message first = post(channel);
    Message second = post(channel);

    assertThat(ports().attachments().attachToMessage(List.of(a.id(), b.id()), first.id()))
        .isEqualTo(2);
    assertThat(ports().attachments().attachToMessage(List.of(a.id()), second.id())).isZero();
    assertThat(ports().attachments().attachToMessage(List.of(c.id(), b.id()), second.id()))
        .isEqualTo(1);
    assertThat(ports().attachments().attachToMessage(List.of(), second.id())).isZero();
    assertThat(ports().attachments().attachToMessage(List.of(987_654_321L), second.id())).isZero();

    assertThat(ports().attachments().findById(a.id()).orElseThrow().messageId())
        .isEqualTo(first.id());
    assertThat(ports().attachments().findById(b.id()).orElseThrow().messageId())
        .isEqualTo(first.id());
    assertThat(ports().attachments().findById(c.id()).orElseThrow().messageId())
        .isEqualTo(second.id());
  }

  @Test
  void findByMessageIdsGroupsByMessageInUploadOrder() {
    Message first = post(channel);
    Message second = post(channel);
    Message bare = post(channel);
    Attachment a = upload(channel);
    Attachment b = upload(channel);
    Attachment c = upload(channel);
    Attachment loose = upload(channel);
    ports().attachments().attachToMessage(List.of(c.id()), first.id());
    ports().attachments().attachToMessage(List.of(b.id(), a.id()), second.id());

    List<Attachment> found =
        ports()
            .attachments()
            .findByMessageIds(List.of(second.id(), bare.id(), first.id(), 987_654_321L));

    assertThat(found)
        .extracting(Attachment::id)
        .containsExactly(c.id(), a.id(), b.id())
        .doesNotContain(loose.id());
    assertThat(found.get(0).messageId()).isEqualTo(first.id());
    assertThat(ports().attachments().findByMessageIds(List.of())).isEmpty();
  }

  @Test
  void savingForAMissingChannelOrUserFails() {
    assertThatThrownBy(
            () ->
                ports()
                    .attachments()
                    .saveWithinQuota(
                        new NewAttachment(
                            987_654_321L, uploader.id(), "a.txt", "text/plain", 1, "x", "k", NOW),
                        Long.MAX_VALUE)
                    .orElseThrow())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                ports()
                    .attachments()
                    .saveWithinQuota(
                        new NewAttachment(
                            channel.id(), 987_654_321L, "a.txt", "text/plain", 1, "x", "k", NOW),
                        Long.MAX_VALUE)
                    .orElseThrow())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void attachmentsGoWithTheirServersChannels() {
    Attachment doomed = upload(channel);
    Attachment doomedLoose = upload(channel);
    Channel dm = conversation(ports().channels(), ChannelKind.DM, uploader);
    Attachment kept = upload(dm);
    Message message = post(channel);
    ports().attachments().attachToMessage(List.of(doomed.id()), message.id());

    ports().servers().delete(server.id());

    assertThat(ports().attachments().findById(doomed.id())).isEmpty();
    assertThat(ports().attachments().findById(doomedLoose.id())).isEmpty();
    assertThat(ports().attachments().findById(kept.id())).isPresent();
    assertThat(ports().attachments().findByMessageIds(List.of(message.id()))).isEmpty();
    // Their bytes are queued for removal like those the cleanup sweep deletes.
    assertThat(ports().attachments().filesToRemove(10_000))
        .contains(doomed.storageKey(), doomedLoose.storageKey())
        .doesNotContain(kept.storageKey());
  }

  @Test
  void concurrentSendsAttachAFileToOneMessageOnly() throws Exception {
    Attachment file = upload(channel);
    int threads = 8;
    List<Message> candidates = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      candidates.add(post(channel));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (Message candidate : candidates) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return ports().attachments().attachToMessage(List.of(file.id()), candidate.id());
                }));
      }
      start.countDown();
      int linked = 0;
      for (Future<Integer> future : futures) {
        linked += future.get(60, TimeUnit.SECONDS);
      }
      assertThat(linked).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(candidates)
        .filteredOn(m -> !ports().attachments().findByMessageIds(List.of(m.id())).isEmpty())
        .hasSize(1);
  }

  @Test
  void storedBytesCountEveryKeptUploadOfTheUser() {
    User other = user(ports().users());
    assertThat(ports().attachments().storedBytesOf(uploader.id())).isZero();
    upload(channel);
    Attachment sent = upload(channel);
    ports().attachments().attachToMessage(List.of(sent.id()), post(channel).id());
    upload(channel, other, NOW);

    assertThat(ports().attachments().storedBytesOf(uploader.id())).isEqualTo(6);
    assertThat(ports().attachments().storedBytesOf(other.id())).isEqualTo(3);
  }

  @Test
  void deleteUnwantedTakesOldUnsentUploadsAndThoseOfDeletedMessages() {
    Attachment old = upload(channel, uploader, NOW.minusSeconds(100));
    Attachment fresh = upload(channel, uploader, NOW);
    Attachment oldButSent = upload(channel, uploader, NOW.minusSeconds(100));
    Attachment ofDeleted = upload(channel, uploader, NOW);
    Message kept = post(channel);
    Message deleted = post(channel);
    ports().attachments().attachToMessage(List.of(oldButSent.id()), kept.id());
    ports().attachments().attachToMessage(List.of(ofDeleted.id()), deleted.id());
    ports().messages().markDeleted(deleted.id(), NOW);

    assertThat(ports().attachments().deleteUnwanted(NOW.minusSeconds(10), 100)).isEqualTo(2);

    // The queue is shared with what other tests deleted: look at this test's keys only.
    assertThat(ports().attachments().filesToRemove(10_000))
        .contains(old.storageKey(), ofDeleted.storageKey())
        .doesNotContain(fresh.storageKey(), oldButSent.storageKey());
    assertThat(ports().attachments().findById(old.id())).isEmpty();
    assertThat(ports().attachments().findById(ofDeleted.id())).isEmpty();
    assertThat(ports().attachments().findById(fresh.id())).isPresent();
    assertThat(ports().attachments().findById(oldButSent.id())).isPresent();
    assertThat(ports().attachments().storedBytesOf(uploader.id())).isEqualTo(6);
    assertThat(ports().attachments().deleteUnwanted(NOW.minusSeconds(10), 100)).isZero();

    ports().attachments().filesRemoved(List.of(old.storageKey()));
    assertThat(ports().attachments().filesToRemove(10_000))
        .contains(ofDeleted.storageKey())
        .doesNotContain(old.storageKey());
    ports().attachments().filesRemoved(List.of(ofDeleted.storageKey(), "never-queued"));
    assertThat(ports().attachments().filesToRemove(10_000)).doesNotContain(ofDeleted.storageKey());
  }

  @Test
  void deleteUnwantedTakesAtMostTheLimit() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(upload(channel, uploader, NOW.minusSeconds(100)).storageKey());
    }

    assertThat(ports().attachments().deleteUnwanted(NOW, 3)).isEqualTo(3);
    assertThat(ports().attachments().deleteUnwanted(NOW, 3)).isEqualTo(2);
    assertThat(ports().attachments().deleteUnwanted(NOW, 3)).isZero();
    assertThat(ports().attachments().filesToRemove(4)).hasSize(4);
    assertThat(ports().attachments().filesToRemove(10_000)).containsAll(keys);
  }

  @Test
  void anUploadPastTheQuotaIsNotRecorded() {
    upload(channel);
    NewAttachment four =
        new NewAttachment(
            channel.id(), uploader.id(), "a.txt", "text/plain", 4, "x", "quota-key", NOW);

    assertThat(ports().attachments().saveWithinQuota(four, 6)).isEmpty();
    assertThat(ports().attachments().storedBytesOf(uploader.id())).isEqualTo(3);
    assertThat(ports().attachments().saveWithinQuota(four, 7)).isPresent();
    assertThat(ports().attachments().storedBytesOf(uploader.id())).isEqualTo(7);
  }

  @Test
  void concurrentUploadsNeverPassTheQuotaTogether() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        NewAttachment three =
            new NewAttachment(
                channel.id(),
                uploader.id(),
                "a.txt",
                "text/plain",
                3,
                "x",
                UUID.randomUUID().toString(),
                NOW);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return ports().attachments().saveWithinQuota(three, 10).isPresent();
                }));
      }
      start.countDown();
      int saved = 0;
      for (Future<Boolean> future : futures) {
        saved += future.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(saved).isEqualTo(3);
      assertThat(ports().attachments().storedBytesOf(uploader.id())).isEqualTo(9);
    } finally {
      pool.shutdownNow();
    }
  }

  private Attachment upload(Channel target) {
    return upload(target, uploader, NOW);
  }

  private Attachment upload(Channel target, User by, Instant at) {
    return ports()
        .attachments()
        .saveWithinQuota(
            new NewAttachment(
                target.id(),
                by.id(),
                "photo.png",
                "image/png",
                3,
                "00".repeat(32),
                UUID.randomUUID().toString(),
                at),
            Long.MAX_VALUE)
        .orElseThrow();
  }

  private Message post(Channel target) {
    return ports()
        .messages()
        .append(new NewMessage(target.id(), uploader.id(), "hi", NOW, null, null));
  }
}
