package dev.shadowtap.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationsTest {
    @ParameterizedTest
    @CsvSource({
            "2s, PT2S", "500ms, PT0.5S", "1m30s, PT1M30S", "1h, PT1H", "100us, PT0.0001S", "100µs, PT0.0001S",
            "100μs, PT0.0001S", "10ns, PT0.00000001S", "1.5s, PT1.5S", "0, PT0S", "0s, PT0S", "+5s, PT5S",
            "-1.5h, PT-1H-30M", ".5s, PT0.5S", "5.s, PT5S", "1h2m3s4ms5us6ns, PT1H2M3.004005006S", "2h45m, PT2H45M",
            "2562047h47m16.854775807s, PT2562047H47M16.854775807S", "-2562047h47m16.854775808s, PT-2562047H-47M-16.854775808S",
            "1.0000000000000000000000001s, PT1S", "0.1h, PT6M"})
    void readsGoDurations(String text, String iso) throws BadValueException {
        assertThat(GoDurations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "s", "1x", "1.2.3s", ".s", "1s2", "2 s", "-", "1d", "1S", "3000000h", "1e3s", "٣s",
            "2562047h47m16.854775808s", "9223372036854775808ns", "99999999999999999999ns"})
    void refusesWhatGoRefuses(String text) {
        assertThatThrownBy(() -> GoDurations.parse(text)).isInstanceOf(BadValueException.class)
                .hasMessageStartingWith("a duration like 2s");
    }

    @Property
    void sumOfComponentsReadsBack(@ForAll @IntRange(max = 1000) int h, @ForAll @IntRange(max = 1000) int m,
                                  @ForAll @IntRange(max = 1000) int s, @ForAll @IntRange(max = 1000) int ms,
                                  @ForAll @IntRange(max = 1000) int us, @ForAll @IntRange(max = 1000) int ns)
            throws BadValueException {
        Duration expected = Duration.ofHours(h).plusMinutes(m).plusSeconds(s).plusMillis(ms)
                .plusNanos(us * 1000L).plusNanos(ns);
        assertThat(GoDurations.parse(h + "h" + m + "m" + s + "s" + ms + "ms" + us + "us" + ns + "ns")).isEqualTo(expected);
    }

    @Property
    void formatReadsBackExactly(@ForAll @LongRange(min = -Long.MAX_VALUE, max = Long.MAX_VALUE) long nanos)
            throws BadValueException {
        Duration d = Duration.ofNanos(nanos);
        assertThat(GoDurations.parse(GoDurations.format(d))).isEqualTo(d);
    }

    @Property
    void anyTextParsesOrIsRefusedNeverCrashes(@ForAll("durationLike") String text) {
        try {
            assertThat(GoDurations.parse(text)).isNotNull();
        } catch (BadValueException e) {
            assertThat(e.expected()).startsWith("a duration like");
        }
    }

    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.+-hmsunµ").ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(30));
    }
}
