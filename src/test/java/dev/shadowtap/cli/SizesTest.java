package dev.shadowtap.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizesTest {
    @ParameterizedTest
    @CsvSource({
            "1024, 1024", "0, 0", "512kb, 524288", "32mb, 33554432", "256m, 268435456", "5MB, 5242880",
            "1g, 1073741824", "1gb, 1073741824", "1tb, 1099511627776", "1TB, 1099511627776", "2k, 2048",
            "100b, 100", "1.5gb, 1610612736", "1_000, 1000", "1mib, 1048576", "0.5kb, 512", "1.0001kb, 1024"})
    void readsGoReplaySizesInPowersOf1024(String text, long bytes) throws BadValueException {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    /** GoReplay reads the number with Go's strconv.ParseInt(s, 0, 64), then the unit. */
    @ParameterizedTest
    @CsvSource({
            "0x100000, 1048576", "0X10, 16", "0x1b, 27", "0xfB, 251", "0x10mb, 16777216", "0x1kb, 1024",
            "0o777, 511", "0O17kb, 15360", "0777, 511", "00, 0", "0_7, 7", "0b101, 5", "0B1mb, 1048576",
            "0x_ff, 255", "1_024kb, 1048576"})
    void readsGosBaseZeroFormsAsGoReplayDoes(String text, long bytes) throws BadValueException {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12zb", "mb", "-1", "1.5.5mb", "1 2mb", "32 megabytes", "1e3", "9999999999tb", "_1",
            "08", "0x", "0b102", "1__0", "1_", "0x1.5mb", "0x_", "0o8kb"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(BadValueException.class)
                .hasMessageStartingWith("a size like 32mb or 1g");
    }

    @Property
    void anyWholeAmountOfAUnitReadsBack(@ForAll @LongRange(min = 0, max = 1L << 22) long amount,
                                        @ForAll("units") String unit) throws BadValueException {
        long multiplier = switch ((unit + " ").toLowerCase().charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        assertThat(Sizes.parse(amount + unit)).isEqualTo(amount * multiplier);
    }

    @Property
    void formatReadsBackExactly(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) throws BadValueException {
        assertThat(Sizes.parse(Sizes.format(bytes))).isEqualTo(bytes);
    }

    @Property
    void anyTextParsesOrIsRefusedNeverCrashes(@ForAll("sizeLike") String text) {
        try {
            assertThat(Sizes.parse(text)).isNotNegative();
        } catch (BadValueException e) {
            assertThat(e.expected()).startsWith("a size like");
        }
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("", "b", "k", "kb", "KB", "m", "mb", "MB", "Mb", "g", "gb", "GB", "t", "tb", "TB", "kib", "MiB");
    }

    @Provide
    Arbitrary<String> sizeLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789._ kmgtbiKMGTBzx-").ofMaxLength(25),
                Arbitraries.strings().ofMaxLength(30));
    }
}
