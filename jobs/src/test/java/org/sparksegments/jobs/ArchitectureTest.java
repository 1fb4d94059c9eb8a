package org.sparksegments.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of docs/architecture.md, checked over the compiled main classes of the
 * conditions and jobs modules: the floors of the house import only downwards.
 */
class ArchitectureTest {
  private static final String C = "org.sparksegments.conditions.";
  private static final String J = "org.sparksegments.jobs.";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // Main classes only: test folders and test jars (the conditions test-jar) are left out.
    ImportOption mainOnly = location -> !location.contains("/test-classes/")
        && !location.contains("-tests.jar");
    classes = new ClassFileImporter().withImportOption(mainOnly)
        .importPackages("org.sparksegments.conditions", "org.sparksegments.jobs");
  }

  @Test
  void onlyTheTranslatorAndTheJobsUseSpark() {
    noClasses().that().resideInAnyPackage(C + "model..", C + "error..", C + "schema..",
        C + "regex..", C + "json..", C + "bind..", C + "plan..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
        .check(classes);
  }

  @Test
  void theLanguageKnowsNothingOfTheJobs() {
    noClasses().that().resideInAPackage("org.sparksegments.conditions..")
        .should().dependOnClassesThat().resideInAnyPackage("org.sparksegments.jobs..",
            "org.sparksegments.data..")
        .check(classes);
  }

  @Test
  void theGroundFloorStandsAlone() {
    noClasses().that().resideInAnyPackage(C + "model..", C + "error..", C + "schema..",
        C + "regex..")
        .should().dependOnClassesThat().resideInAnyPackage(C + "json..", C + "bind..",
            C + "plan..", C + "spark..")
        .check(classes);
  }

  @Test
  void theParserReadsShapesOnly() {
    noClasses().that().resideInAPackage(C + "json..")
        .should().dependOnClassesThat().resideInAnyPackage(C + "schema..", C + "bind..",
            C + "plan..", C + "spark..")
        .check(classes);
  }

  @Test
  void theBinderNeedsNoParserNorPlanner() {
    noClasses().that().resideInAPackage(C + "bind..")
        .should().dependOnClassesThat().resideInAnyPackage(C + "json..", C + "plan..",
            C + "spark..")
        .check(classes);
  }

  @Test
  void thePlannerNeedsNoParser() {
    noClasses().that().resideInAPackage(C + "plan..")
        .should().dependOnClassesThat().resideInAnyPackage(C + "json..", C + "spark..")
        .check(classes);
  }

  @Test
  void theCatalogReadsSchemasWithoutTheBinder() {
    noClasses().that().resideInAPackage(J + "catalog..")
        .should().dependOnClassesThat().resideInAnyPackage(C + "bind..", C + "plan..",
            C + "spark..", J + "eval..", J + "run..", J + "cli..", J + "api..", J + "query..",
            J + "export..", J + "actions..", J + "manage..", J + "sql..")
        .check(classes);
  }

  @Test
  void theCommandLineOnlyParsesAndPrints() {
    noClasses().that().resideInAPackage(J + "cli..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..",
            C + "spark..")
        .check(classes);
  }

  @Test
  void nothingButTheCommandLineCallsIt() {
    noClasses().that().resideOutsideOfPackage(J + "cli..")
        .should().dependOnClassesThat().resideInAPackage(J + "cli..")
        .check(classes);
  }

  @Test
  void everyPathGoesThroughTheFileSystemLayer() {
    // Hadoop's FileSystem with the session's configuration reads and writes every file the
    // engine touches; java.nio.file stays in the layer itself (local fast paths) and in the
    // sample generator's commands, whose files are local by nature (docs/operations.md).
    noClasses().that().resideInAPackage("org.sparksegments..")
        .and().resideOutsideOfPackage(J + "fs..")
        .and().doNotHaveFullyQualifiedName(J + "cli.GenerateCommand")
        .and().doNotHaveFullyQualifiedName(J + "cli.DemoCommand")
        .should().dependOnClassesThat().resideInAPackage("java.nio.file..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.sparksegments.(*).(*)..").should().beFreeOfCycles().check(classes);
  }
}
