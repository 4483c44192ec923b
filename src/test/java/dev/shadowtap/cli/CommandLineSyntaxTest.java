package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.pipeline.Address;
import dev.shadowtap.pipeline.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way Go's flag package (and GNU style) writes a flag, through the public entry point. */
class CommandLineSyntaxTest {
    static RunOptions run(String... args) {
        ParseResult result = CommandLine.parse(args);
        assertThat(result).as("parse of %s", List.of(args)).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).options();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--", "-"})
    void valueFlagTakesTheNextArgumentOrAfterEquals(String dashes) {
        RunOptions separate = run(dashes + "input-file", "a.gor", dashes + "output-file-size-limit", "1g", dashes + "output-stdout");
        RunOptions joined = run(dashes + "input-file=a.gor", dashes + "output-file-size-limit=1g", dashes + "output-stdout");
        for (RunOptions o : List.of(separate, joined)) {
            assertThat(o.inputs().files()).containsExactly(new Address("a.gor", Limit.NONE));
            assertThat(o.fileOut().sizeLimit()).isEqualTo(1L << 30);
            assertThat(o.outputs().stdout()).isTrue();
        }
    }

    @Test
    void booleansTakeNoValueOrAnExplicitOne() {
        assertThat(run("--input-dummy", "--output-null", "--stats").pipeline().stats()).isTrue();
        assertThat(run("--input-dummy", "--output-null", "-stats").pipeline().stats()).isTrue();
        assertThat(run("--input-dummy", "--output-null", "--stats=true").pipeline().stats()).isTrue();
        assertThat(run("--input-dummy", "--output-null", "-stats=1").pipeline().stats()).isTrue();
        assertThat(run("--input-dummy", "--output-null", "--stats=false").pipeline().stats()).isFalse();
        assertThat(run("--input-dummy", "--output-null", "--stats", "--stats=F").pipeline().stats()).isFalse();
        assertThat(run("--input-dummy", "--output-null").pipeline().stats()).isFalse();
    }

    @Test
    void listsRepeatInOrderAndSingleValuesKeepTheLast() {
        RunOptions o = run("--input-file", "a.gor", "-input-file=b.gor|200%", "--input-file", "c-*.gor.gz",
                "--output-file", "x.gor", "--output-file=y.gor", "--exit-after", "1s", "--exit-after=1m30s");
        assertThat(o.inputs().files()).containsExactly(new Address("a.gor", Limit.NONE),
                new Address("b.gor", new Limit.Percent(200)), new Address("c-*.gor.gz", Limit.NONE));
        assertThat(o.outputs().files()).extracting(Address::value).containsExactly("x.gor", "y.gor");
        assertThat(o.pipeline().exitAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void valuesMayStartWithADashUnlessTheyNameAFlag() {
        RunOptions o = run("--input-file", "-odd-name.gor", "--output-stdout");
        assertThat(o.inputs().files()).extracting(Address::value).containsExactly("-odd-name.gor");
    }

    @Test
    void verboseIsALevelOrBare() {
        assertThat(run("--input-dummy", "--output-null", "--verbose").pipeline().verbose()).isEqualTo(1);
        assertThat(run("--input-dummy", "--output-null", "--verbose", "3").pipeline().verbose()).isEqualTo(3);
        assertThat(run("--input-dummy", "--output-null", "-verbose=2").pipeline().verbose()).isEqualTo(2);
        assertThat(run("--verbose", "--input-dummy", "--output-null").pipeline().verbose()).isEqualTo(1);
        assertThat(run("--input-dummy", "--output-null", "--verbose=false").pipeline().verbose()).isZero();
    }

    @Test
    void inputDummyTakesAnOptionalIgnoredValue() {
        assertThat(run("--input-dummy", "--output-null").inputs().dummies()).isEqualTo(1);
        assertThat(run("--input-dummy", "0", "--input-dummy=x", "--output-null").inputs().dummies()).isEqualTo(2);
    }

    @Test
    void supportedFlagsOfEachGroupAreTyped() {
        RunOptions o = run("--input-file", "r.gor", "--input-file-loop", "--input-file-read-depth", "500",
                "--input-file-max-wait", "1s", "--output-file", "out_%Y.gor", "--output-file-append",
                "--output-file-queue-limit", "10", "--output-file-max-size-limit", "2gb",
                "--output-file-flush-interval", "250ms", "--output-file-buffer", "/mnt/logs", "--prettify-http",
                "--split-output", "--copy-buffer-size", "10mb", "--output-stdout");
        assertThat(o.fileIn()).isEqualTo(new FileInOptions(true, 500, false, Duration.ofSeconds(1)));
        assertThat(o.fileOut()).isEqualTo(new FileOutOptions(true, 32L << 20, 10, 2L << 30, Duration.ofMillis(250), "/mnt/logs", java.util.Optional.empty()));
        assertThat(o.rewrites().prettify()).isTrue();
        assertThat(o.pipeline().splitOutput()).isTrue();
        assertThat(o.pipeline().copyBufferSize()).isEqualTo(10L << 20);
    }

    @Test
    void goReplayDefaults() {
        RunOptions o = run("--input-file", "r.gor", "--output-stdout");
        assertThat(o.fileIn()).isEqualTo(new FileInOptions(false, 100, false, Duration.ZERO));
        assertThat(o.fileOut()).isEqualTo(new FileOutOptions(false, 32L << 20, 256, 1L << 40, Duration.ofSeconds(1), "/tmp", java.util.Optional.empty()));
        assertThat(o.pipeline()).isEqualTo(new PipelineOptions(java.util.Optional.empty(), false, false, Duration.ZERO,
                false, 0, 5L << 20));
        assertThat(o.capture().expire()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.capture().engine()).isEqualTo(CaptureEngine.AF_PACKET);
        assertThat(o.capture().protocol()).isEqualTo(CaptureProtocol.HTTP);
        assertThat(o.capture().vxlan().port()).isEqualTo(4789);
        assertThat(o.httpOut().pool().queueLen()).isEqualTo(1000);
        assertThat(o.httpOut().timeouts().request()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.httpOut().timeouts().workerIdle()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.httpOut().tracking().statsInterval()).isEqualTo(Duration.ofMillis(5000));
        assertThat(o.httpOut().rewriting().redirects()).isZero();
        assertThat(o.tcp().output().workers()).isEqualTo(10);
        assertThat(o.webSocket().workers()).isEqualTo(10);
        assertThat(o.kafka().input()).isEmpty();
        assertThat(o.kafka().output()).isEmpty();
        assertThat(o.http()).isEqualTo(dev.shadowtap.http.transform.HttpTransformConfig.NONE);
        assertThat(o.rewrites().prettify()).isFalse();
        assertThat(o.outputs()).isEqualTo(new OutputOptions(true, false, List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void zeroSizesMeanTheDefaultAsInGoReplay() {
        RunOptions o = run("--input-file", "r.gor", "--output-file", "o.gor", "--output-file-size-limit", "0",
                "--output-file-max-size-limit=0", "--copy-buffer-size", "0");
        assertThat(o.fileOut().sizeLimit()).isEqualTo(32L << 20);
        assertThat(o.fileOut().maxSizeLimit()).isEqualTo(1L << 40);
        assertThat(o.pipeline().copyBufferSize()).isEqualTo(5L << 20);
    }

    @Test
    void dryRunNeedsNoOutput() {
        RunOptions o = run("--input-file", "r.gor", "--input-file-dry-run");
        assertThat(o.fileIn().dryRun()).isTrue();
    }

    @Test
    void helpAndVersionWinWhereTheyAppear() {
        assertThat(CommandLine.parse("--help")).isInstanceOf(ParseResult.Help.class);
        assertThat(CommandLine.parse("-h")).isInstanceOf(ParseResult.Help.class);
        assertThat(CommandLine.parse("-help")).isInstanceOf(ParseResult.Help.class);
        assertThat(CommandLine.parse("--input-raw", ":80", "--help")).isInstanceOf(ParseResult.Help.class);
        assertThat(CommandLine.parse("--version")).isInstanceOf(ParseResult.Version.class);
        assertThat(CommandLine.parse("-version")).isInstanceOf(ParseResult.Version.class);
        assertThat(CommandLine.parse("--help=false", "--input-dummy", "--output-null")).isInstanceOf(ParseResult.Run.class);
    }
}
