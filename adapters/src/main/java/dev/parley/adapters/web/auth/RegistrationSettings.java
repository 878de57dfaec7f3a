package dev.parley.adapters.web.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The sign-up budget of a client address. */
@ConfigurationProperties("parley.security.registration")
public class RegistrationSettings {
  private long maxPerAddress = 5;
  private Duration window = Duration.ofMinutes(10);

  public long getMaxPerAddress() {
    return maxPerAddress;
  }

  public void setMaxPerAddress(long maxPerAddress) {
    this.maxPerAddress = maxPerAddress;
  }

  public Duration getWindow() {
    return window;
  }

  public void setWindow(Duration window) {
    this.window = window;
  }
}
