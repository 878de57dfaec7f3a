package dev.parley.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's dependency rules, checked on the compiled main code of every module. */
@AnalyzeClasses(
    packages = "dev.parley",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

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
}
