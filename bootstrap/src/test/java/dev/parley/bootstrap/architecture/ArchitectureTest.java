package dev.parley.bootstrap.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.parley.adapters.redis.RedisChatEventPublisher;
import dev.parley.adapters.registry.LocalChatEventPublisher;
import dev.parley.adapters.security.ParleyTokenValidator;
import dev.parley.adapters.storage.AttachmentCleanupJob;
import dev.parley.adapters.web.auth.AddressBudgets;
import dev.parley.adapters.web.auth.AuthRateLimitFilter;
import dev.parley.adapters.web.socket.ConnectionCaps;
import dev.parley.adapters.web.support.WriteBudget;
import dev.parley.adapters.webhook.WebhookJobs;
import dev.parley.application.port.in.AuthenticateUseCase;
import dev.parley.application.port.in.CleanUpAttachmentsUseCase;
import dev.parley.application.port.in.DeliverEventUseCase;
import dev.parley.application.port.in.RepairGapsUseCase;
import dev.parley.application.port.in.RunWebhooksUseCase;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The hexagon's dependency rules, checked on the compiled main code of every module. */
@AnalyzeClasses(
    packages = "dev.parley",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  private static final String WEB = "dev.parley.adapters.web";
  private static final String IN_PORT_PACKAGE = "dev.parley.application.port.in";
  private static final String OUT_PORT_PACKAGE = "dev.parley.application.port.out";

  /**
   * The web classes allowed an out-port: the request and socket budgets (the REST and socket write
   * budget, the per-address sign-up and login budgets and their filter, the open-socket caps). They
   * guard the door before any use case runs, on stores several nodes share.
   */
  private static final Set<Class<?>> WEB_OUT_PORT_USERS =
      Set.of(
          WriteBudget.class, AddressBudgets.class, AuthRateLimitFilter.class, ConnectionCaps.class);

  // Micronaut's $Foo$Definition and $Foo$Introspection classes only repeat what Foo's own
  // constructor and methods use, so the in-port rules judge Foo alone.
  private static final String GENERATED_BY_MICRONAUT = ".*\\.\\$[^.]*";

  /**
   * The web packages that belong to no surface: every surface may use them, and they use no
   * surface. Anything else under {@code web} is a surface package (chat, classic, conversations,
   * rooms, auth, ops, and the root's {@code /docs} and {@code /test}).
   */
  private static final List<String> SHARED_WEB =
      List.of(
          // what every socket shares: connection, ordering, limits, the encoder contract
          WEB + ".socket",
          // filters and helpers that apply to every route whatever its surface
          WEB + ".support",
          // the one error shape all surfaces answer with
          WEB + ".error",
          // the wire records that more than one surface shows (the shape is then the same for all)
          WEB + ".wire");

  /**
   * The adapter classes outside {@code web} that call in-ports, each with the only in-ports it may
   * call. The rest of those packages implement out-ports and never drive a use case.
   */
  private static final Map<Class<?>, Set<Class<?>>> IN_PORT_CALLERS_OUTSIDE_WEB =
      Map.of(
          // One node: publishing a committed event is delivering it to this node's sockets.
          LocalChatEventPublisher.class,
          Set.of(DeliverEventUseCase.class),
          // Many nodes: events from other nodes come in on the Redis subscription and are
          // delivered here; after a Redis outage, what was missed is delivered from the change log.
          RedisChatEventPublisher.class,
          Set.of(DeliverEventUseCase.class, RepairGapsUseCase.class),
          // Micronaut Security calls it on every request: inbound in all but its package, which
          // holds what it shares with the token issuer (issuer and claim names, secret checks).
          ParleyTokenValidator.class,
          Set.of(AuthenticateUseCase.class),
          // A timer drives it, not the core; it lives beside the disk storage whose files it frees.
          AttachmentCleanupJob.class,
          Set.of(CleanUpAttachmentsUseCase.class),
          // Timers drive the webhook feeder and dispatcher; they live beside the HTTP sender.
          WebhookJobs.class,
          Set.of(RunWebhooksUseCase.class));

  /** Skips the modules' test-jars, which sit on this module's test classpath. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule domainDependsOnNothingButTheJdk =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.domain..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("dev.parley.domain..", "java..")
          .because("the domain is plain Java");

  @ArchTest
  static final ArchRule applicationDependsOnlyOnTheDomain =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.application..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("dev.parley.application..", "dev.parley.domain..", "java..")
          .because("use cases are plain Java, wired in bootstrap");

  @ArchTest
  static final ArchRule adaptersDoNotDependOnEachOther =
      slices().matching("dev.parley.adapters.(*)..").should().notDependOnEachOther();

  @ArchTest
  static final ArchRule webSurfacesDoNotDependOnEachOther =
      slices()
          .assignedFrom(new WebSurfaces())
          .should()
          .notDependOnEachOther()
          .because(
              "a surface speaks its own seed's shapes; what two surfaces share lives in a shared"
                  + " web package");

  @ArchTest
  static final ArchRule sharedWebPackagesUseNoSurface =
      noClasses()
          .that()
          .resideInAnyPackage(packagesAndBelow(SHARED_WEB))
          .should()
          .dependOnClassesThat(
              resideInAPackage(WEB + "..")
                  .and(resideInAnyPackage(packagesAndBelow(SHARED_WEB)).negate()))
          .because("every surface builds on them, so a surface's change must not reach the others");

  // Who may call in-ports (application.port.in): inbound adapters (web..), which exist for it;
  // the metric decorators, only the port each one implements; outbound adapters (persistence,
  // redis, registry, security, storage, the adapters root) none, except the classes named in
  // IN_PORT_CALLERS_OUTSIDE_WEB, each only the in-ports named beside it. A new exception is added
  // there, with its reason.
  @ArchTest
  static final ArchRule outboundAdaptersCallNoInPorts =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.adapters..")
          .and()
          .resideOutsideOfPackages(WEB + "..", "dev.parley.adapters.metrics..")
          .and()
          .doNotBelongToAnyOf(IN_PORT_CALLERS_OUTSIDE_WEB.keySet().toArray(Class<?>[]::new))
          .and()
          .haveNameNotMatching(GENERATED_BY_MICRONAUT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(IN_PORT_PACKAGE + "..")
          .because(
              "the core calls outbound adapters through out-ports; only inbound adapters (web) and"
                  + " the named event-delivery, token and timer paths drive use cases");

  @ArchTest
  static final ArchRule namedInPortCallersCallOnlyTheirInPorts =
      classes()
          .that()
          .belongToAnyOf(IN_PORT_CALLERS_OUTSIDE_WEB.keySet().toArray(Class<?>[]::new))
          .should(dependOnlyOnTheInPortsNamedFor(IN_PORT_CALLERS_OUTSIDE_WEB));

  // The metric decorators wrap in-ports (MetricsFactory hands them out as @Primary beans): they
  // stand between a port's callers and its service and start no use case of their own.
  @ArchTest
  static final ArchRule metricsOnlyDecorateInPorts =
      classes()
          .that()
          .resideInAPackage("dev.parley.adapters.metrics..")
          .and()
          .haveNameNotMatching(GENERATED_BY_MICRONAUT)
          .should(useInPortsOnlyThroughThoseTheyImplement());

  @ArchTest
  static final ArchRule inPortsSpeakOnlyTheDomainAndTheirOwnRecords =
      noClasses()
          .that()
          .resideInAPackage(IN_PORT_PACKAGE + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(OUT_PORT_PACKAGE + "..")
          .because(
              "a caller of a use case sees the domain and the port's own commands and results, never"
                  + " how the core stores them");

  // Web adapters call in-ports, not out-ports, except the rate and connection budgets they
  // enforce before any use case runs (WEB_OUT_PORT_USERS); their stores (in memory or Redis) are
  // out-ports so that several nodes can share them.
  @ArchTest
  static final ArchRule webAdaptersUseNoOutPorts =
      noClasses()
          .that()
          .resideInAPackage(WEB + "..")
          .and()
          .doNotBelongToAnyOf(WEB_OUT_PORT_USERS.toArray(Class<?>[]::new))
          .and()
          .haveNameNotMatching(GENERATED_BY_MICRONAUT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(OUT_PORT_PACKAGE + "..")
          .because("a request reaches the core's stores only through a use case");

  @ArchTest
  static final ArchRule nothingButBootstrapDependsOnBootstrap =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.parley.bootstrap..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.parley.bootstrap..");

  @ArchTest
  static final ArchRule adaptersUsePortsNotServices =
      noClasses()
          .that()
          .resideInAPackage("dev.parley.adapters..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.parley.application.service..")
          .because("adapters talk to use cases through in-ports; only bootstrap builds services");

  @ArchTest
  static final ArchRule innerLayersNeverSeeAdapters =
      noClasses()
          .that()
          .resideInAnyPackage("dev.parley.domain..", "dev.parley.application..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.parley.adapters..");

  /** One slice per web package that is not shared; the shared ones belong to no slice. */
  static final class WebSurfaces implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      if (pkg.equals(WEB)) {
        return SliceIdentifier.of("web (root)");
      }
      if (!pkg.startsWith(WEB + ".")) {
        return SliceIdentifier.ignore();
      }
      String first = pkg.substring(WEB.length() + 1).split("\\.", 2)[0];
      return SHARED_WEB.contains(WEB + "." + first)
          ? SliceIdentifier.ignore()
          : SliceIdentifier.of("web." + first);
    }

    @Override
    public String getDescription() {
      return "the surface packages under " + WEB;
    }
  }

  private static String[] packagesAndBelow(List<String> packages) {
    return packages.stream().map(p -> p + "..").toArray(String[]::new);
  }

  private static ArchCondition<JavaClass> dependOnlyOnTheInPortsNamedFor(
      Map<Class<?>, Set<Class<?>>> allowed) {
    return new ArchCondition<>("call only the in-ports named for them") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        Set<String> ports =
            allowed.entrySet().stream()
                .filter(e -> e.getKey().getName().equals(outermost(javaClass).getName()))
                .flatMap(e -> e.getValue().stream())
                .map(Class::getName)
                .collect(Collectors.toSet());
        reportInPortsOutside(ports, javaClass, events);
      }
    };
  }

  private static ArchCondition<JavaClass> useInPortsOnlyThroughThoseTheyImplement() {
    return new ArchCondition<>("use in-ports only as decorators of the in-ports they implement") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        Set<String> ports = new HashSet<>();
        for (JavaClass port : outermost(javaClass).getAllRawInterfaces()) {
          if (!isInPort(port)) {
            continue;
          }
          ports.add(port.getName());
          // The port's own signatures bring their commands and results along.
          for (JavaMethod method : port.getMethods()) {
            method
                .getReturnType()
                .getAllInvolvedRawTypes()
                .forEach(t -> ports.add(outermost(t).getName()));
            method.getParameterTypes().stream()
                .flatMap(p -> p.getAllInvolvedRawTypes().stream())
                .forEach(t -> ports.add(outermost(t).getName()));
          }
        }
        reportInPortsOutside(ports, javaClass, events);
      }
    };
  }

  private static void reportInPortsOutside(
      Set<String> allowedOutermost, JavaClass javaClass, ConditionEvents events) {
    for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
      JavaClass target = dependency.getTargetClass();
      if (isInPort(target) && !allowedOutermost.contains(outermost(target).getName())) {
        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
      }
    }
  }

  private static boolean isInPort(JavaClass javaClass) {
    String pkg = javaClass.getPackageName();
    return pkg.equals(IN_PORT_PACKAGE) || pkg.startsWith(IN_PORT_PACKAGE + ".");
  }

  private static JavaClass outermost(JavaClass javaClass) {
    JavaClass c = javaClass;
    while (c.getEnclosingClass().isPresent()) {
      c = c.getEnclosingClass().get();
    }
    return c;
  }
}
