package dev.parley.bootstrap;

import dev.parley.bootstrap.config.DrainSettings;
import dev.parley.bootstrap.config.EmbeddedPrestart;
import dev.parley.bootstrap.config.StartupRefused;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts Parley, and stops it gracefully on SIGTERM or SIGINT. */
public final class Parley {
  private static final Logger LOG = LoggerFactory.getLogger(Parley.class);

  private Parley() {}

  public static void main(String[] args) {
    // Unpacking and initdb take seconds: they run while the context is built, not after it.
    EmbeddedPrestart.begin(args);
    ApplicationContext context;
    try {
      context = Micronaut.build(args).mainClass(Parley.class).banner(false).start();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      EmbeddedPrestart.abandon();
      // A refused configuration is the operator's to fix: say why, without a stack trace.
      if (root instanceof StartupRefused refused) {
        System.err.println("Parley cannot start: " + refused.getMessage());
        System.exit(2);
      }
      throw e;
    }
    if (context.getProperty("micronaut.aot.enabled", Boolean.class).orElse(false)) {
      // Set by the configurer that Micronaut AOT generates into parley-aot.jar.
      LOG.info("Micronaut AOT optimisations are on");
    }
    drainOnSignal(context, "TERM");
    drainOnSignal(context, "INT");
  }

  /**
   * Readiness off first (/health/readiness answers 503), then Parley's own parts (sockets get their
   * 1001 and in-flight frames commit), then the framework's (HTTP server, executors, event loops),
   * which would otherwise cut the sockets without a close frame.
   */
  private static void drain(ApplicationContext context) {
    // Before any socket is told to go: its client reconnects through the balancer, which should
    // no longer pick this node. The HTTP server keeps answering until the framework's part below.
    context.findBean(DrainingIndicator.class).ifPresent(DrainingIndicator::begin);
    // Two phases of at most this each: deployments size their stop timeout (Kubernetes'
    // terminationGracePeriodSeconds, compose's stop_grace_period) above twice this value.
    Duration grace = context.getBean(DrainSettings.class).getTimeout();
    List<CompletableFuture<?>> first = new ArrayList<>();
    // Look at definitions, not beans: creating the framework's beans here would have effects.
    for (BeanDefinition<GracefulShutdownCapable> definition :
        context.getBeanDefinitions(GracefulShutdownCapable.class)) {
      if (definition.getBeanType().getPackageName().startsWith("dev.parley.")) {
        first.add(context.getBean(definition).shutdownGracefully().toCompletableFuture());
      }
    }
    CompletableFuture.allOf(first.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
        .join();
    context
        .findBean(GracefulShutdownManager.class)
        .ifPresent(
            manager ->
                manager
                    .shutdownGracefully()
                    .toCompletableFuture()
                    .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
                    .join());
  }

  /**
   * Micronaut's own shutdown hook closes the HTTP server at once; on a signal we first stop
   * accepting, tell sockets to go away (1001) and let in-flight work commit, then exit, which runs
   * that hook.
   */
  private static void drainOnSignal(ApplicationContext context, String name) {
    try {
      Signal.handle(
          new Signal(name),
          signal ->
              new Thread(
                      () -> {
                        LOG.info("SIG{} received: draining before exit", name);
                        try {
                          drain(context);
                        } catch (RuntimeException e) {
                          LOG.warn("Graceful drain failed: {}", e.toString());
                        }
                        System.exit(0);
                      },
                      "parley-drain")
                  .start());
    } catch (IllegalArgumentException unsupported) {
      LOG.debug("Signal {} cannot be handled here; plain shutdown only", name);
    }
  }
}
