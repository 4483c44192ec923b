package dev.shadowtap.cli;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Command lines as GoReplay users type them: Go's number forms, and a boolean's value after a space. */
class GoFlagFormsTest {
    private static RunOptions run(String... args) {
        ParseResult result = CommandLine.parse(args);
        assertThat(result).as("parse of %s: %s", List.of(args), result).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).options();
    }

    private static String failure(String... args) {
        ParseResult result = CommandLine.parse(args);
        assertThat(result).isInstanceOf(ParseResult.Failure.class);
        return ((ParseResult.Failure) result).oneLine();
    }

    /** As GoReplay's docs write it: the word is the boolean's value, and every flag after it still counts. */
    @Test
    void splitOutputTrueAsInGoReplaysDocsAndFalseTurnsABooleanOff() {
        RunOptions on = run("--input-file", "r.gor", "--output-http", "http://staging.com", "--output-http",
                "http://dev.com", "--split-output", "true", "--stats");
        assertThat(on.pipeline().splitOutput()).isTrue();
        assertThat(on.pipeline().stats()).as("the flag after the word is read").isTrue();
        assertThat(on.outputs().http()).hasSize(2);

        RunOptions off = run("--input-file", "r.gor", "--split-output", "false", "--output-null");
        assertThat(off.pipeline().splitOutput()).isFalse();
        assertThat(off.outputs().discard()).isTrue();
        assertThat(run("-input-file", "r.gor", "-output-stdout", "False", "-output-null").outputs().stdout()).isFalse();
    }

    @Test
    void aNonBooleanWordAfterABooleanIsStillAStrayArgument() {
        assertThat(failure("--input-file", "r.gor", "--output-null", "--split-output", "yes"))
                .isEqualTo("unexpected argument: 'yes' (flags start with - or --; see --help)");
    }

    @Test
    void integersInGosBaseZeroForms() {
        RunOptions o = run("--input-file", "r.gor", "--output-http", "http://t", "--output-http-workers", "0x10",
                "--output-http-queue-len", "0o777", "--output-http-workers-min", "017", "--output-http-redirects", "0b101",
                "--output-http-stats-ms", "1_000", "--input-file-read-depth", "+0X1F");
        assertThat(o.httpOut().pool().workersMax()).isEqualTo(16);
        assertThat(o.httpOut().pool().queueLen()).isEqualTo(511);
        assertThat(o.httpOut().pool().workersMin()).isEqualTo(15);
        assertThat(o.httpOut().rewriting().redirects()).isEqualTo(5);
        assertThat(o.httpOut().tracking().statsInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.fileIn().readDepth()).isEqualTo(31);
    }

    @Test
    void sizesInGosBaseZeroForms() {
        RunOptions o = run("--input-file", "r.gor", "--output-file", "o.gor", "--output-file-size-limit", "0x100000",
                "--copy-buffer-size", "0x10mb", "--output-file-max-size-limit", "0o1gb");
        assertThat(o.fileOut().sizeLimit()).isEqualTo(1 << 20);
        assertThat(o.pipeline().copyBufferSize()).isEqualTo(16L << 20);
        assertThat(o.fileOut().maxSizeLimit()).isEqualTo(1L << 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08", "0x", "1__0", "_1", "1_", "0b2", "0x1g", "١٢", "1.0", "0x_"})
    void whatGoRefusesIsAOneLineErrorNamingFlagAndValue(String value) {
        assertThat(failure("--input-file", "r.gor", "--output-null", "--input-file-read-depth", value))
                .isEqualTo("invalid value for --input-file-read-depth: '" + value
                        + "' (expected a whole number from 1 to 1000000)");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "-0x10, -16", "0_7, 7", "0x_Ff, 255", "0O17, 15", "0B11, 3", "1_000_000, 1000000",
            "00, 0", "-2, -2"})
    void goIntegersAsStrconvParseIntWithBaseZero(String text, long value) {
        assertThat(GoIntegers.parse(text)).contains(BigInteger.valueOf(value));
    }

    @Property
    void everyLongReadsBackInEachBase(@ForAll @LongRange(min = 0) long n) {
        assertThat(GoIntegers.parse(Long.toString(n))).contains(BigInteger.valueOf(n));
        assertThat(GoIntegers.parse("0x" + Long.toHexString(n))).contains(BigInteger.valueOf(n));
        assertThat(GoIntegers.parse("0o" + Long.toOctalString(n))).contains(BigInteger.valueOf(n));
        assertThat(GoIntegers.parse("0" + Long.toOctalString(n))).contains(BigInteger.valueOf(n));
        assertThat(GoIntegers.parse("0b" + Long.toBinaryString(n))).contains(BigInteger.valueOf(n));
    }

    @Test
    void kafkaOffsetsInGosForms() throws BadValueException {
        assertThat(HttpSpecs.kafkaOffset("0x10").offset()).isEqualTo(16);
        assertThat(HttpSpecs.kafkaOffset("-2").offset()).isEqualTo(-2);
    }
}
