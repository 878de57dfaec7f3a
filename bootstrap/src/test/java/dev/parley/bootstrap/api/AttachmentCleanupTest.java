package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upload quota and the cleanup sweep, over real HTTP and the real disk: unsent uploads past
 * their time to live and the files of deleted messages, channels and servers leave the database and
 * the disk, and give their uploader's quota back; sent files stay.
 */
@MicronautTest(transactional = false)
class AttachmentCleanupTest extends ApiTestBase {
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final int QUOTA = 1000;

  private final Path dataDir = createTempDir();
  private Fixtures fx;

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("parley-cleanup-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of(
        "parley.data-dir",
        dataDir.toString(),
        "parley.attachments.orphan-ttl",
        TTL.toMillis() + "ms",
        "parley.attachments.cleanup-interval",
        "200ms",
        "parley.attachments.max-bytes-per-user",
        Integer.toString(QUOTA));
  }

  @BeforeAll
  void fixtures() {
    fx = new Fixtures(api);
  }

  @AfterAll
  void removeTheDataDir() throws IOException {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Response upload(Session user, long channel, String name, byte[] bytes) {
    String boundary = "----cleanup" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + name
            + "\"\r\nContent-Type: text/plain\r\n\r\n"
            + new String(bytes, StandardCharsets.UTF_8)
            + "\r\n--"
            + boundary
            + "--\r\n";
    return api.send(
        "POST",
        "/chat/channels/" + channel + "/attachments",
        "multipart/form-data; boundary=" + boundary,
        body,
        user.token());
  }

  private long uploaded(Session user, long channel, String name, byte[] bytes) {
    Response response = upload(user, channel, name, bytes);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().get("id").getLongValue();
  }

  private long send(Session user, long server, long channel, long attachment) {
    Response sent =
        api.post(
            "/chat/servers/" + server + "/channels/" + channel + "/messages",
            "{\"text\":\"file\",\"attachment_ids\":[" + attachment + "]}",
            user.token());
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    return sent.json().get("id").getLongValue();
  }

  private List<byte[]> storedFiles() {
    Path root = dataDir.resolve("attachments");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(root)) {
      return files
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .map(
              p -> {
                try {
                  return Files.readAllBytes(p);
                } catch (IOException e) {
                  // Deleted between the listing and the read: the sweep is at work.
                  return null;
                }
              })
          .filter(b -> b != null)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static byte[] text(char c, int size) {
    return String.valueOf(c).repeat(size).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void unsentAndDeletedFilesAreRemovedFromDatabaseAndDiskAndGiveTheQuotaBack() {
    Session alice = api.newUser("sweeper");
    long server = fx.server(alice, "Sweep");
    long channel = fx.channel(alice, server, "general", "TEXT");

    byte[] keptBytes = text('k', 300);
    long kept = uploaded(alice, channel, "kept.txt", keptBytes);
    send(alice, server, channel, kept);
    long doomedMessage =
        send(alice, server, channel, uploaded(alice, channel, "gone.txt", text('d', 300)));
    long unsent = uploaded(alice, channel, "never.txt", text('u', 300));
    assertThat(storedFiles()).hasSize(3);

    // The quota counts sent and unsent files alike: 900 of 1000 bytes are taken.
    Response over = upload(alice, channel, "more.txt", text('m', 200));
    assertThat(over.status()).as(over.toString()).isEqualTo(413);
    assertThat(over.json().get("error").getStringValue()).isEqualTo("payload_too_large");
    assertThat(over.json().get("message").getStringValue()).contains("quota");

    assertThat(api.delete("/chat/messages/" + doomedMessage, alice.token()).status())
        .isEqualTo(204);

    await(
        () -> storedFiles().size() == 1, "only the sent file of the live message is left on disk");
    assertThat(storedFiles().get(0)).isEqualTo(keptBytes);
    assertThat(api.get("/chat/attachments/" + unsent + "/meta", alice.token()).status())
        .isEqualTo(404);
    assertThat(api.get("/chat/attachments/" + kept + "/meta", alice.token()).status())
        .isEqualTo(200);
    // What was removed no longer counts against the quota.
    assertThat(upload(alice, channel, "more.txt", text('m', 600)).status()).isEqualTo(201);
  }

  @Test
  void theFilesOfADeletedChannelOrServerLeaveTheDisk() {
    Session bob = api.newUser("cascade");
    long server = fx.server(bob, "Cascade");
    long doomedChannel = fx.channel(bob, server, "doomed", "TEXT");
    long otherChannel = fx.channel(bob, server, "other", "TEXT");
    byte[] inChannel = text('c', 100);
    byte[] loose = text('l', 100);
    byte[] inServer = text('s', 100);
    send(bob, server, doomedChannel, uploaded(bob, doomedChannel, "c.txt", inChannel));
    uploaded(bob, doomedChannel, "l.txt", loose);
    send(bob, server, otherChannel, uploaded(bob, otherChannel, "s.txt", inServer));
    assertThat(storedFiles()).contains(inChannel, loose, inServer);

    assertThat(
            api.delete("/chat/servers/" + server + "/channels/" + doomedChannel, bob.token())
                .status())
        .isEqualTo(204);
    await(
        () ->
            storedFiles().stream()
                .noneMatch(b -> Arrays.equals(b, inChannel) || Arrays.equals(b, loose)),
        "the deleted channel's files are gone from disk");
    assertThat(storedFiles()).contains(inServer);

    assertThat(api.delete("/chat/servers/" + server, bob.token()).status()).isEqualTo(204);
    await(
        () -> storedFiles().stream().noneMatch(b -> Arrays.equals(b, inServer)),
        "the deleted server's files are gone from disk");
  }
}
