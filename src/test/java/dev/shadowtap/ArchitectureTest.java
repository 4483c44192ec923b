package dev.shadowtap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.conditions.ArchConditions.have;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the package graph flowing downstream as in the design: capture -> packet -> tcp -> http ->
 * pipeline <- outputs, with no cycles, the low layers blind to HTTP, the pipeline and the outputs, and
 * {@code core} (log, counters, connection) beneath them all.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shadowtap");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.shadowtap.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void captureLayersNeverSeeHttpOrOutputs() {
        noClasses().that().resideInAnyPackage("dev.shadowtap.capture..", "dev.shadowtap.packet..", "dev.shadowtap.tcp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.shadowtap.http..", "dev.shadowtap.io..", "dev.shadowtap.middleware..",
                        "dev.shadowtap.compare..", "dev.shadowtap.cli..", "dev.shadowtap.app..",
                        "dev.shadowtap.pipeline..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** The small types every stage shares (log, counters, connection) depend on no stage. */
    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.shadowtap.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.shadowtap.capture..", "dev.shadowtap.packet..", "dev.shadowtap.tcp..",
                        "dev.shadowtap.http..", "dev.shadowtap.gor..", "dev.shadowtap.io..",
                        "dev.shadowtap.middleware..", "dev.shadowtap.compare..", "dev.shadowtap.cli..",
                        "dev.shadowtap.app..", "dev.shadowtap.pipeline..", "dev.shadowtap.web..")
                .check(classes);
    }

    @Test
    void pipelineDependsOnNoStage() {
        noClasses().that().resideInAPackage("dev.shadowtap.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.shadowtap.capture..", "dev.shadowtap.packet..", "dev.shadowtap.tcp..",
                        "dev.shadowtap.http..", "dev.shadowtap.gor..", "dev.shadowtap.io..",
                        "dev.shadowtap.middleware..", "dev.shadowtap.compare..", "dev.shadowtap.cli..",
                        "dev.shadowtap.app..")
                .check(classes);
    }

    /** The demo is a front end like Main: it runs the command lines a user would type, in-process. */
    @Test
    void onlyTheApplicationKnowsTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("dev.shadowtap.cli..", "dev.shadowtap.app..", "dev.shadowtap",
                        "dev.shadowtap.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.shadowtap.cli..", "dev.shadowtap.app..")
                .check(classes);
    }

    @Test
    void nativeCodeStaysInCaptureFfi() {
        noClasses().that().resideOutsideOfPackage("dev.shadowtap.capture.ffi..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.foreign.Linker")
                .check(classes);
    }

    /** A reason is a {@code core.Reason}: nothing counts a drop, repair or skip under a string it spells. */
    @Test
    void reasonsAreCountedByTypeNotByString() {
        DescribedPredicate<JavaMethod> aStringParameter = DescribedPredicate.describe("a String parameter",
                method -> method.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(String.class)));
        noMethods().that().haveNameMatching("drops?|dropped|repaired|repairs|skipped|skips|errors")
                .should(have(aStringParameter))
                .check(classes);
    }
}
