package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Address;
import dev.shadowtap.pipeline.Limit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressesTest {
    @Test
    void splitsTheLimitSuffix() throws BadValueException {
        assertThat(Addresses.parse("requests.gor")).isEqualTo(new Address("requests.gor", Limit.NONE));
        assertThat(Addresses.parse("requests.gor|200%")).isEqualTo(new Address("requests.gor", new Limit.Percent(200)));
        assertThat(Addresses.parse("http://staging|100")).isEqualTo(new Address("http://staging", new Limit.PerSecond(100)));
        assertThat(Addresses.parse(":80|12.5%")).isEqualTo(new Address(":80", new Limit.Percent(12.5)));
        assertThat(Addresses.parse("a|b|10")).isEqualTo(new Address("a|b", new Limit.PerSecond(10)));
        assertThat(Addresses.parse("x|0%")).isEqualTo(new Address("x", new Limit.Percent(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "|10", "x|", "x|abc", "x|0", "x|-5", "x|10%%", "x|%", "x|1.5", "x|99999999999999999999"})
    void refusesBadSuffixes(String text) {
        assertThatThrownBy(() -> Addresses.parse(text)).isInstanceOf(BadValueException.class)
                .hasMessageStartingWith("ADDRESS, ADDRESS|N or ADDRESS|N%");
    }

    @Property
    void perSecondRoundTrips(@ForAll("addresses") String value, @ForAll @LongRange(min = 1, max = 999_999_999_999L) long n)
            throws BadValueException {
        Address parsed = Addresses.parse(value + "|" + n);
        assertThat(parsed).isEqualTo(new Address(value, new Limit.PerSecond(n)));
        assertThat(Addresses.parse(Addresses.format(parsed))).isEqualTo(parsed);
    }

    @Property
    void percentRoundTrips(@ForAll("addresses") String value, @ForAll @IntRange(max = 100_000) int tenths)
            throws BadValueException {
        Address parsed = Addresses.parse(value + "|" + BigDecimalText.of(tenths / 10.0) + "%");
        assertThat(parsed.limit()).isEqualTo(new Limit.Percent(tenths / 10.0));
        assertThat(Addresses.parse(Addresses.format(parsed))).isEqualTo(parsed);
    }

    @Property
    void anyTextParsesOrIsRefusedNeverCrashes(@ForAll("addressLike") String text) {
        try {
            assertThat(Addresses.parse(text).value()).isNotBlank();
        } catch (BadValueException e) {
            assertThat(e.expected()).startsWith("ADDRESS");
        }
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.strings().withChars("abc.:/0123456789-_%").ofMinLength(1).ofMaxLength(30)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab:|%0123456789.- ").ofMaxLength(15),
                Arbitraries.strings().ofMaxLength(30));
    }
}
