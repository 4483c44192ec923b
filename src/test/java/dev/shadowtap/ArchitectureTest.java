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

    /**
     * The replay pool's decisions, the resend rule and the replay loop's timers are pure: no socket,
     * no file, no clock of their own (time comes in), so a test drives them with a fake clock.
     */
    @Test
    void replayPoliciesDoNoIoAndReadNoClock() {
        noClasses().that().haveNameMatching("dev\\.shadowtap\\.io\\.http\\.(PoolPolicy|RetryPolicy|LoopTimers)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "javax.net..")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
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

    /** The capture is opened through its own door ({@code capture.Capture}): its native bindings are its business. */
    @Test
    void captureFfiIsUsedOnlyInsideCapture() {
        noClasses().that().resideOutsideOfPackage("dev.shadowtap.capture..")
                .should().dependOnClassesThat().resideInAPackage("dev.shadowtap.capture.ffi..")
                .check(classes);
    }

    /** HTTP framing and pairing see bytes, not where they came from: no capture, packet, TCP or endpoint types. */
    @Test
    void httpKnowsNoTransport() {
        noClasses().that().resideInAPackage("dev.shadowtap.http..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.shadowtap.capture..", "dev.shadowtap.packet..", "dev.shadowtap.tcp..", "dev.shadowtap.io..")
                .check(classes);
    }

    @Test
    void nativeCodeStaysInTheFfiPackages() {
        noClasses().that().resideOutsideOfPackages("dev.shadowtap.capture.ffi..", "dev.shadowtap.middleware.ffi..")
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
