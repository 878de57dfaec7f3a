package dev.parley.adapters.webhook;

import dev.parley.application.port.out.WebhookOutbox.PendingEvent;
import dev.parley.application.port.out.WebhookSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts webhook events with the JDK's HTTP client: JSON body, {@code X-Parley-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, no redirects followed.
 */
public final class HttpWebhookSender implements WebhookSender {
  private static final int MAX_ERROR = 200;

  private final WebhookTargets targets;
  private final HttpClient client;
  private final Duration readTimeout;
  private final Clock clock;

  public HttpWebhookSender(
      WebhookTargets targets, Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.targets = targets;
    this.readTimeout = readTimeout;
    this.clock = clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Optional<String> refusal(String url) {
    return targets.refusal(url);
  }

  @Override
  public Outcome post(PendingEvent event) {
    long start = System.nanoTime();
    Optional<String> refused = targets.refusal(event.url());
    if (refused.isPresent()) {
      return new Outcome(null, "Refused target: " + refused.get(), 0);
    }
    String body = body(event);
    long t = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(event.url()))
            .timeout(readTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Parley-Webhooks/1")
            .header("X-Parley-Event", event.type())
            .header("X-Parley-Delivery", Long.toString(event.id()))
            .header("X-Parley-Signature", "t=" + t + ",v1=" + sign(event.secret(), t, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return new Outcome(response.statusCode(), null, millisSince(start));
    } catch (IOException e) {
      String message =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return new Outcome(null, limit(message), millisSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "Interrupted", millisSince(start));
    }
  }

  /** The signature a receiver recomputes: hex HMAC-SHA256 of {@code t + "." + body}. */
  public static String sign(String secret, long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  static String body(PendingEvent e) {
    return "{\"id\":"
        + e.id()
        + ",\"type\":\""
        + e.type()
        + "\",\"server_id\":"
        + e.serverId()
        + ",\"channel_id\":"
        + (e.channelId() == null ? "null" : e.channelId().toString())
        + ",\"created_at\":\""
        + e.createdAt()
        + "\",\"data\":"
        + e.dataJson()
        + "}";
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String limit(String s) {
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
