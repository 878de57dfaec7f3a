package dev.parley.bootstrap.config;

import dev.parley.application.service.JoinPublicServer;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, makes the public server's ADMINs the configured operators ({@code
 * parley.public-server.operators}), so a change of the list takes effect on the next start; users
 * who sign up later get their role when they join.
 */
@Singleton
public class PublicServerOperators implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(PublicServerOperators.class);

  private final JoinPublicServer joinPublicServer;
  private final ParleySettings settings;

  PublicServerOperators(JoinPublicServer joinPublicServer, ParleySettings settings) {
    this.joinPublicServer = joinPublicServer;
    this.settings = settings;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    int changed = joinPublicServer.applyOperators();
    LOG.info(
        "Public server operators: {} ({} role(s) changed)",
        settings.publicServerOperators(),
        changed);
  }
}
