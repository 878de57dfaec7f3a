package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attachments over real HTTP: upload, send, see in history and live, download, and refusals. */
@MicronautTest(transactional = false)
class AttachmentTest extends ApiTestBase {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dataDir = createTempDir();
  private Fixtures fx;
  private Session alice;
  private Session bob;
  private Session eve;
  private long server;
  private long channel;

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("parley-attachments-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("parley.data-dir", dataDir.toString());
  }

  @AfterAll
  void removeTheDataDir() throws IOException {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @BeforeAll
  void world() {
    fx = new Fixtures(api);
    alice = api.newUser("attadm");
    bob = api.newUser("attmem");
    eve = api.newUser("attout");
    server = fx.server(alice, "Files");
    channel = fx.channel(alice, server, "general", "TEXT");
    fx.member(alice, server, bob);
  }

  /** A response whose body is kept as bytes. */
  private record Raw(int status, byte[] body, HttpResponse<byte[]> response) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return Api.parse(text());
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private Raw request(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Raw(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart/form-data upload with one part, written out by hand. */
  private Raw upload(
      Session user, long channelId, String part, String name, String type, byte[] bytes) {
    return upload(user, channelId, part, name, type, bytes, false);
  }

  /**
   * An upload that, with {@code expectContinue}, waits for the server's go-ahead before sending the
   * body: a refusal of a body over the server's limit then always arrives, where otherwise the
   * server may close the connection while the client is still writing.
   */
  private Raw upload(
      Session user,
      long channelId,
      String part,
      String name,
      String type,
      byte[] bytes,
      boolean expectContinue) {
    String boundary = "----parley" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + part
            + "\"; filename=\""
            + name
            + "\"\r\n"
            + (type == null ? "" : "Content-Type: " + type + "\r\n")
            + "\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return request(
        HttpRequest.newBuilder(api.base().resolve("/chat/channels/" + channelId + "/attachments"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .expectContinue(expectContinue)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
        user == null ? null : user.token());
  }

  private Raw download(Session user, long attachmentId) {
    return request(
        HttpRequest.newBuilder(api.base().resolve("/chat/attachments/" + attachmentId)).GET(),
        user == null ? null : user.token());
  }

  private String messages() {
    return "/chat/servers/" + server + "/channels/" + channel + "/messages";
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** The bytes with a PNG signature in front, so they pass for the image they are declared as. */
  private static byte[] png(byte[] bytes) {
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return bytes;
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.values().spliterator(), false).toList();
  }

  private static void assertError(Raw response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.json().get("error").getStringValue()).isEqualTo(code);
    assertThat(response.json().get("message").getStringValue()).isNotBlank();
  }

  @Test
  void uploadSendSeeLiveAndInHistoryThenDownloadOnlyAsAReader() throws IOException {
    byte[] image = png(randomBytes(300_000));
    Raw uploaded = upload(bob, channel, "file", "photos/Cat 'Ñoño' 😀.png", "image/png", image);
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    JsonNode meta = uploaded.json();
    long id = meta.get("id").getLongValue();
    assertThat(meta.get("filename").getStringValue()).isEqualTo("Cat 'Ñoño' 😀.png");
    assertThat(meta.get("content_type").getStringValue()).isEqualTo("image/png");
    assertThat(meta.get("size").getLongValue()).isEqualTo(image.length);
    assertThat(meta.get("url").getStringValue()).isEqualTo("/chat/attachments/" + id);
    assertThat(meta.get("message_id").isNull()).isTrue();
    assertThat(meta.get("sha256").getStringValue()).hasSize(64);
    try (Stream<Path> stored = Files.list(dataDir.resolve("attachments"))) {
      assertThat(stored).anySatisfy(p -> assertThat(p).hasBinaryContent(image));
    }

    // Unsent, an upload is its uploader's alone.
    assertThat(download(bob, id).status()).isEqualTo(200);
    assertError(download(alice, id), 404, "not_found");

    try (WsClient aliceWs = fx.gateway(alice)) {
      Response sent =
          api.post(messages(), "{\"text\":\"\",\"attachment_ids\":[" + id + "]}", bob.token());
      assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
      assertThat(sent.json().get("text").getStringValue()).isEmpty();
      JsonNode carried = sent.json().get("attachments").get(0);
      assertThat(carried.get("id").getLongValue()).isEqualTo(id);
      assertThat(carried.get("message_id").getLongValue())
          .isEqualTo(sent.json().get("id").getLongValue());

      JsonNode live = aliceWs.await("new_message");
      assertThat(live.get("id").getLongValue()).isEqualTo(sent.json().get("id").getLongValue());
      JsonNode file = live.get("attachments").get(0);
      assertThat(file.get("id").getLongValue()).isEqualTo(id);
      assertThat(file.get("filename").getStringValue()).isEqualTo("Cat 'Ñoño' 😀.png");
      assertThat(file.get("content_type").getStringValue()).isEqualTo("image/png");
      assertThat(file.get("size").getLongValue()).isEqualTo(image.length);
      assertThat(file.get("url").getStringValue()).isEqualTo("/chat/attachments/" + id);
    }

    List<JsonNode> history = list(api.get(messages(), alice.token()).json());
    assertThat(list(history.get(history.size() - 1).get("attachments")))
        .singleElement()
        .satisfies(f -> assertThat(f.get("id").getLongValue()).isEqualTo(id));

    Raw got = download(alice, id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(image);
    assertThat(got.header("Content-Type")).startsWith("image/png");
    assertThat(got.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(got.header("Content-Disposition"))
        .isEqualTo(
            "attachment; filename=\"Cat '_o_o' _.png\";"
                + " filename*=UTF-8''Cat%20%27%C3%91o%C3%B1o%27%20%F0%9F%98%80.png");
    assertThat(
            api.get("/chat/attachments/" + id + "/meta", alice.token())
                .json()
                .get("id")
                .getLongValue())
        .isEqualTo(id);

    // Outsiders cannot tell it exists.
    assertError(download(eve, id), 404, "not_found");
    assertThat(api.get("/chat/attachments/" + id + "/meta", eve.token()).status()).isEqualTo(404);
    assertError(download(alice, 987_654_321L), 404, "not_found");
    assertError(upload(eve, channel, "file", "x.png", "image/png", image), 404, "not_found");

    // Once sent, it cannot be sent again.
    Response again =
        api.post(messages(), "{\"text\":\"again\",\"attachment_ids\":[" + id + "]}", bob.token());
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("message").getStringValue()).contains("already attached");
  }

  @Test
  void theGatewaySendsFilesTooButOnlyTheSendersOwn() {
    long mine =
        upload(alice, channel, "file", "notes.txt", "text/plain; charset=utf-8", "hi".getBytes())
            .json()
            .get("id")
            .getLongValue();
    long bobs =
        upload(bob, channel, "file", "b.pdf", "application/pdf", "%PDF-1.4".getBytes())
            .json()
            .get("id")
            .getLongValue();

    Response stolen =
        api.post(
            messages(), "{\"text\":\"mine now\",\"attachment_ids\":[" + bobs + "]}", alice.token());
    assertThat(stolen.status()).isEqualTo(400);
    assertThat(stolen.json().get("message").getStringValue()).contains("not one of your uploads");

    try (WsClient aliceWs = fx.gateway(alice)) {
      aliceWs.send(
          "{\"type\":\"send_message\",\"channelId\":"
              + channel
              + ",\"attachment_ids\":[\""
              + mine
              + "\"],\"nonce\":\"att-1\"}");
      // The new message is queued to the sender's own socket before the ack.
      JsonNode live = aliceWs.await("new_message");
      JsonNode ack = aliceWs.await("message_ack");
      assertThat(live.get("id").getLongValue()).isEqualTo(ack.get("id").getLongValue());
      assertThat(live.get("attachments").get(0).get("content_type").getStringValue())
          .isEqualTo("text/plain");
      assertThat(live.get("text").getStringValue()).isEmpty();

      aliceWs.send(
          "{\"type\":\"send_message\",\"channelId\":" + channel + ",\"attachment_ids\":[]}");
      assertThat(aliceWs.await("error").get("code").getStringValue()).isEqualTo("invalid_input");
    }
    assertThat(download(bob, mine).text()).isEqualTo("hi");
  }

  @Test
  void tooLargeWrongTypeMissingPartAndNoTokenAreRefusedCleanly() {
    // Just over the application's 8 MiB: its own 413.
    assertError(
        upload(bob, channel, "file", "big.zip", "application/zip", new byte[8 * 1024 * 1024 + 1]),
        413,
        "payload_too_large");
    // Far over: the server's request limit answers, in the same shape, before the body is read.
    assertError(
        upload(
            bob, channel, "file", "huge.zip", "application/zip", new byte[12 * 1024 * 1024], true),
        413,
        "payload_too_large");

    // Only uploads may be that large: other bodies are still buffered up to 1 MB at most.
    Response bigJson =
        api.post(messages(), "{\"text\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}", bob.token());
    assertThat(bigJson.status()).as(bigJson.body()).isEqualTo(413);
    assertThat(bigJson.json().get("error").getStringValue()).isEqualTo("payload_too_large");

    Raw html = upload(bob, channel, "file", "page.html", "text/html", "<script>".getBytes());
    assertError(html, 400, "invalid_input");
    assertThat(html.json().get("message").getStringValue()).contains("text/html is not allowed");
    assertError(
        upload(bob, channel, "file", "empty.txt", "text/plain", new byte[0]), 400, "invalid_input");
    assertError(
        upload(bob, channel, "other", "a.txt", "text/plain", "a".getBytes()), 400, "invalid_input");

    assertError(
        upload(null, channel, "file", "a.txt", "text/plain", "a".getBytes()), 401, "unauthorized");
    assertError(download(null, 1), 401, "unauthorized");
    // Nothing of the refused uploads stays on disk, not even a partial file.
    Path root = dataDir.resolve("attachments");
    if (Files.isDirectory(root)) {
      try (Stream<Path> stored = Files.list(root)) {
        assertThat(stored).allSatisfy(p -> assertThat(Files.size(p)).isLessThan(1024 * 1024));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void htmlDeclaredAsAnImageUnderABidiNameIsRefusedAndNamesLoseTheirBidiCharacters() {
    byte[] html =
        "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
            .getBytes(StandardCharsets.UTF_8);
    Raw disguised = upload(bob, channel, "file", "invoice\u202Efdp.exe", "image/png", html);
    assertError(disguised, 400, "invalid_input");
    assertThat(disguised.json().get("message").getStringValue()).contains("markup");
    assertError(
        upload(bob, channel, "file", "page", "application/octet-stream", html),
        400,
        "invalid_input");
    assertError(
        upload(bob, channel, "file", "a.txt", "text/plain", "<svg onload=alert(1)>".getBytes()),
        400,
        "invalid_input");
    Raw mismatch = upload(bob, channel, "file", "a.png", "image/png", "%PDF-1.4 ...".getBytes());
    assertError(mismatch, 400, "invalid_input");
    assertThat(mismatch.json().get("message").getStringValue()).contains("application/pdf");

    Raw named = upload(bob, channel, "file", "invoice\u202Efdp.exe", "text/plain", "hi".getBytes());
    assertThat(named.status()).as(named.text()).isEqualTo(201);
    assertThat(named.json().get("filename").getStringValue()).isEqualTo("invoicefdp.exe");

    Raw sniffed =
        upload(bob, channel, "file", "cat", "application/octet-stream", png(randomBytes(64)));
    assertThat(sniffed.status()).as(sniffed.text()).isEqualTo(201);
    assertThat(sniffed.json().get("content_type").getStringValue()).isEqualTo("image/png");
  }
}
