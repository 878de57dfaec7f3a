package dev.parley.adapters.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void forwardedForIsIgnoredUnlessTrusted() {
    HttpRequest<?> request =
        HttpRequest.GET("/auth/login").header("X-Forwarded-For", "203.0.113.9");
    assertThat(new ClientAddress(false).of(request)).isNotEqualTo("203.0.113.9");
    assertThat(new ClientAddress(true).of(request)).isEqualTo("203.0.113.9");
  }

  @Test
  void theLastHopIsTheOneTheProxyAdded() {
    HttpRequest<?> spoofed =
        HttpRequest.GET("/auth/login").header("X-Forwarded-For", "1.1.1.1, 198.51.100.7");
    assertThat(new ClientAddress(true).of(spoofed)).isEqualTo("198.51.100.7");
  }
}
