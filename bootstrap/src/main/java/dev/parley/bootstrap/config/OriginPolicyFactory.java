package dev.parley.bootstrap.config;

import dev.parley.adapters.web.support.OriginPolicy;
import dev.parley.adapters.web.support.WebSecuritySettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the browser-origin allow-list from {@code parley.security.allowed-origins} and {@code
 * allow-any-origin}. In embedded mode (a developer's machine) local pages on any port are allowed
 * too; a configured deployment trusts only what it lists. Checked at startup.
 */
@Factory
public class OriginPolicyFactory {
  private static final Logger LOG = LoggerFactory.getLogger(OriginPolicyFactory.class);

  @Context
  OriginPolicy originPolicy(ParleySettings settings, WebSecuritySettings web) {
    OriginPolicy policy;
    try {
      policy =
          OriginPolicy.of(web.getAllowedOrigins(), web.isAllowAnyOrigin(), settings.embedded());
    } catch (IllegalArgumentException e) {
      throw new StartupRefused(e.getMessage());
    }
    LOG.info("Browser origins allowed for sockets and CORS: {}", policy);
    return policy;
  }
}
