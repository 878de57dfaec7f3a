package dev.parley.adapters.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.application.port.out.WebhookOutbox.PendingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SSRF rule on address literals (no DNS needed), and the signature format. */
class WebhookTargetsTest {
  private final WebhookTargets strict = new WebhookTargets(Set.of(), Set.of());

  @Test
  void internalAddressesAreRefused() {
    for (String url :
        List.of(
            "http://127.0.0.1/",
            "http://127.8.9.10:8080/x",
            "http://10.0.0.1/",
            "http://172.16.5.4/",
            "http://172.31.255.255/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data",
            "http://0.0.0.0/",
            "http://100.64.0.1/",
            "http://224.0.0.1/",
            "http://[::1]/",
            "http://[::]/",
            "http://[fe80::1]/",
            "http://[fc00::1]/",
            "http://[fd12:3456::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://[::ffff:127.0.0.1]/")) {
      assertThat(strict.refusal(url)).as(url).isPresent();
    }
  }

  @Test
  void publicAddressesPass() {
    for (String url :
        List.of(
            "http://93.184.216.34/",
            "https://8.8.8.8:8443/hook",
            "http://172.32.0.1/",
            "http://[2606:4700::1111]/")) {
      assertThat(strict.refusal(url)).as(url).isEmpty();
    }
  }

  @Test
  void onlyHttpAndHttpsAreAccepted() {
    assertThat(strict.refusal("ftp://93.184.216.34/")).isPresent();
    assertThat(strict.refusal("file:///etc/passwd")).isPresent();
    assertThat(strict.refusal("gopher://93.184.216.34/")).isPresent();
  }

  @Test
  void theAllowListOpensAnInternalHostAndTheDenyListAlwaysWins() {
    WebhookTargets configured =
        new WebhookTargets(Set.of("127.0.0.1", "10.1.2.3"), Set.of("10.1.2.3", "8.8.8.8"));
    assertThat(configured.refusal("http://127.0.0.1:9000/")).isEmpty();
    assertThat(configured.refusal("http://127.0.0.2/")).isPresent();
    assertThat(configured.refusal("http://10.1.2.3/")).get().asString().contains("deny-list");
    assertThat(configured.refusal("http://8.8.8.8/")).get().asString().contains("deny-list");
  }

  @Test
  void theSignatureIsTheHmacOfTheTimeAndTheBody() {
    // Computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
    assertThat(HttpWebhookSender.sign("key", 1700000000, "{}"))
        .isEqualTo("9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
    assertThat(HttpWebhookSender.sign("key", 1, "a"))
        .isNotEqualTo(HttpWebhookSender.sign("key", 2, "a"));
    assertThat(HttpWebhookSender.sign("key", 1, "a")).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void aRefusedTargetIsAFailedAttemptWithoutAnyRequest() {
    HttpWebhookSender sender =
        new HttpWebhookSender(
            strict, Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC());
    PendingEvent event =
        new PendingEvent(
            1, 1, "http://169.254.169.254/", "s", "message.created", 1, 2L, "{}", Instant.EPOCH, 1);
    var outcome = sender.post(event);
    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.statusCode()).isNull();
    assertThat(outcome.error()).startsWith("Refused target");
    assertThat(HttpWebhookSender.body(event))
        .isEqualTo(
            "{\"id\":1,\"type\":\"message.created\",\"server_id\":1,\"channel_id\":2,"
                + "\"created_at\":\"1970-01-01T00:00:00Z\",\"data\":{}}");
  }
}
