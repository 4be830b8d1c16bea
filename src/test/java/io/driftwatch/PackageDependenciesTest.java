package io.driftwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code base (docs/architecture.md) as rules the build checks: packages by feature
 * with no cycles between them, statistics and the decide core in plain Java, Spring Batch only where
 * jobs are wired and launched.
 */
class PackageDependenciesTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.driftwatch");

    private static final DescribedPredicate<JavaClass> DECIDE_CORE = DescribedPredicate.describe("are the decide core",
            c -> List.of("Decider", "Decision", "DecisionInput", "RetrainingDecision", "Guardrails", "RunSnapshot",
                    "FeatureDrift").contains(c.getSimpleName().isEmpty() ? c.getEnclosingClass().map(JavaClass::getSimpleName)
                    .orElse("") : c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0]));

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.driftwatch.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void profilesAndDriftMethodsArePlainJava() {
        noClasses().that().resideInAnyPackage("io.driftwatch.profile..", "io.driftwatch.drift..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                        "io.micrometer..")
                .check(PRODUCT);
    }

    @Test
    void theDecideCoreIsPlainJava() {
        noClasses().that().resideInAPackage("io.driftwatch.retrain").and(DECIDE_CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(PRODUCT);
    }

    @Test
    void springBatchIsWiredInJobAndDrivenFromTheCommandLineOnly() {
        noClasses().that().resideOutsideOfPackages("io.driftwatch.job..", "io.driftwatch.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.batch..")
                .check(PRODUCT);
    }
}
