package dev.parley.bootstrap.config;

import dev.parley.adapters.web.support.OriginPolicy;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
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
  OriginPolicy originPolicy(
      ParleySettings settings,
      @Nullable @Property(name = "parley.security.allowed-origins") List<String> allowed,
      @Value("${parley.security.allow-any-origin:false}") boolean allowAny) {
    OriginPolicy policy;
    try {
      policy = OriginPolicy.of(allowed, allowAny, settings.embedded());
    } catch (IllegalArgumentException e) {
      throw new StartupRefused(e.getMessage());
    }
    LOG.info("Browser origins allowed for sockets and CORS: {}", policy);
    return policy;
  }
}
