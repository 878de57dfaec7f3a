package dev.parley.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** How long a stop on SIGTERM or SIGINT waits, per phase, for sockets and the server to finish. */
@ConfigurationProperties("parley.drain")
public class DrainSettings {
  private Duration timeout = Duration.ofSeconds(15);

  /** Deployments' stop timeouts must exceed twice this: two phases of up to this each. */
  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
