package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;

import static dev.shadowtap.cli.OptionsBuilderTest.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompareOptionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.05, 0.05", "5%, 0.05", "0, 0", "0%, 0", "1, 1", "100%, 1", "12.5%, 0.125", ".5, 0.5"})
    void ratesAreFractionsOrPercentages(String text, double fraction) throws BadValueException {
        assertThat(CompareSpecs.rate(text)).isCloseTo(fraction, org.assertj.core.data.Offset.offset(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"lots", "-0.1", "1.5", "150%", "5 %%", "''"})
    void badRatesAreRefused(String text) {
        assertThatThrownBy(() -> CompareSpecs.rate(text)).isInstanceOf(BadValueException.class);
    }

    @Test
    void offUnlessAskedAndImpliedByReportFailAboveAndSecondary() throws UsageException {
        assertThat(build().compare()).isEqualTo(CompareOptions.OFF);
        assertThat(build("--compare").compare().enabled()).isTrue();
        CompareOptions report = build("--compare-report", "out/cmp").compare();
        assertThat(report.enabled()).isTrue();
        assertThat(report.reportDir()).contains(Path.of("out/cmp"));
        assertThat(build("--compare-fail-above", "2%").compare().failAbove().getAsDouble()).isEqualTo(0.02);
        CompareOptions secondary = build("--compare-secondary", "old-b:8080").compare();
        assertThat(secondary.enabled()).isTrue();
        assertThat(secondary.secondary()).contains(URI.create("http://old-b:8080"));
        CompareOptions rules = build("--compare", "--compare-ignore", "$.meta.generated_at",
                "--compare-ignore", "header:X-Trace").compare();
        assertThat(rules.ignore()).extracting(Object::toString).containsExactly("$.meta.generated_at", "header:X-Trace");
    }

    @Test
    void comparingNeedsTrackedRepliesAndEveryRecord() {
        ParseResult noReplay = CommandLine.parse("--input-file", "a.gor", "--output-stdout", "--compare");
        assertThat(noReplay).isEqualTo(new ParseResult.Failure("--compare needs --output-http URL with "
                + "--output-http-track-response (the replayed responses it compares), or --output-binary ADDR with "
                + "--output-binary-track-response", 2));
        ParseResult split = CommandLine.parse("--input-file", "a.gor", "--output-http", "http://b",
                "--output-http-track-response", "--compare-fail-above", "1%", "--split-output");
        assertThat(split).isEqualTo(new ParseResult.Failure(
                "--compare-fail-above cannot be used with --split-output (it must see every record)", 2));
        assertThat(CommandLine.parse("--input-file", "a.gor", "--output-http", "http://b",
                "--output-http-track-response", "--compare")).isInstanceOf(ParseResult.Run.class);
        assertThat(CommandLine.parse("--input-file", "a.gor", "--output-http", "http://b", "--output-http", "http://c",
                "--output-http-track-response", "--compare")).isEqualTo(new ParseResult.Failure(
                "--compare compares the answers of one target: give one --output-http or --output-binary, not 2", 2));
        assertThat(CommandLine.parse("--input-file", "a.gor", "--output-binary", "b:6379",
                "--output-binary-track-response", "--compare")).isInstanceOf(ParseResult.Run.class);
        assertThat(CommandLine.parse("--input-file", "a.gor", "--output-binary", "b:6379", "--compare"))
                .isInstanceOf(ParseResult.Failure.class);
    }
}
