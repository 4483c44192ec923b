package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Limit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSpecsTest {
    @Test
    void headerValueTrimsNameAndValue() throws BadValueException {
        assertThat(HttpSpecs.headerValue("User-Agent: Gor")).isEqualTo(new HeaderValue("User-Agent", "Gor"));
        assertThat(HttpSpecs.headerValue(" X-A :b: c ")).isEqualTo(new HeaderValue("X-A", "b: c"));
        assertThat(HttpSpecs.headerValue("X-Empty:")).isEqualTo(new HeaderValue("X-Empty", ""));
    }

    @Test
    void paramValueSplitsAtTheFirstEquals() throws BadValueException {
        assertThat(HttpSpecs.paramValue("api_key=1")).isEqualTo(new ParamValue("api_key", "1"));
        assertThat(HttpSpecs.paramValue("q=a=b")).isEqualTo(new ParamValue("q", "a=b"));
    }

    @Test
    void urlRewriteCompilesTheRegexOnce() throws BadValueException {
        UrlRewrite r = HttpSpecs.urlRewrite("/v1/user/([^\\/]+)/ping:/v2/user/$1/ping");
        assertThat(r.pattern().pattern()).isEqualTo("/v1/user/([^\\/]+)/ping");
        assertThat(r.replacement()).isEqualTo("/v2/user/$1/ping");
        assertThat(r.pattern().matcher("/v1/user/7/ping").replaceAll(r.replacement())).isEqualTo("/v2/user/7/ping");
    }

    @Test
    void headerRewriteSplitsNameRegexAndReplacement() throws BadValueException {
        HeaderRewrite r = HttpSpecs.headerRewrite("Host: (.*).example.com,$1.beta.example.com");
        assertThat(r.name()).isEqualTo("Host");
        assertThat(r.pattern().matcher("api.example.com").replaceAll(r.replacement())).isEqualTo("api.beta.example.com");
    }

    @Test
    void headerFilterAndLimiters() throws BadValueException {
        HeaderFilter f = HttpSpecs.headerFilter("api-version: ^v1");
        assertThat(f.name()).isEqualTo("api-version");
        assertThat(f.pattern().matcher("v1.2").find()).isTrue();
        assertThat(HttpSpecs.hashLimiter("user-id: 25%")).isEqualTo(new HashLimiter("user-id", 25));
        assertThat(HttpSpecs.hashLimiter("user_id:100%")).isEqualTo(new HashLimiter("user_id", 100));
        assertThat(HttpSpecs.hashLimiter("a: 0%")).isEqualTo(new HashLimiter("a", 0));
    }

    @Test
    void kafkaOffsets() throws BadValueException {
        assertThat(HttpSpecs.kafkaOffset("-1")).isEqualTo(new KafkaOffset(-1, Limit.NONE));
        assertThat(HttpSpecs.kafkaOffset("-2|200%")).isEqualTo(new KafkaOffset(-2, new Limit.Percent(200)));
        assertThat(HttpSpecs.kafkaOffset("1500")).isEqualTo(new KafkaOffset(1500, Limit.NONE));
        assertThatThrownBy(() -> HttpSpecs.kafkaOffset("-3")).isInstanceOf(BadValueException.class);
        assertThatThrownBy(() -> HttpSpecs.kafkaOffset("newest")).isInstanceOf(BadValueException.class);
        assertThatThrownBy(() -> HttpSpecs.kafkaOffset("-1|x")).isInstanceOf(BadValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", ": value", "  : v"})
    void headerValueNeedsANameAndAColon(String text) {
        assertThatThrownBy(() -> HttpSpecs.headerValue(text)).isInstanceOf(BadValueException.class)
                .hasMessage("'Name: value'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: 25", "a: 101%", "a: -1%", "a 25%", "a: x%", ": 5%"})
    void limiterNeedsAPercentFrom0To100(String text) {
        assertThatThrownBy(() -> HttpSpecs.hashLimiter(text)).isInstanceOf(BadValueException.class);
    }

    @Test
    void badRegexNamesThePattern() {
        assertThatThrownBy(() -> HttpSpecs.urlRewrite("([a-:/x")).isInstanceOf(BadValueException.class)
                .hasMessageContaining("'([a-'");
        assertThatThrownBy(() -> HttpSpecs.headerFilter("X: (unclosed")).isInstanceOf(BadValueException.class)
                .hasMessageContaining("'(unclosed'");
        assertThatThrownBy(() -> HttpSpecs.headerRewrite("Host: no comma")).isInstanceOf(BadValueException.class);
        assertThatThrownBy(() -> HttpSpecs.paramValue("novalue")).isInstanceOf(BadValueException.class);
        assertThatThrownBy(() -> HttpSpecs.urlRewrite(":/x")).isInstanceOf(BadValueException.class);
    }

    @Property
    void headerValueRoundTrips(@ForAll("tokens") String name, @ForAll("values") String value) throws BadValueException {
        assertThat(HttpSpecs.headerValue(name + ": " + value)).isEqualTo(new HeaderValue(name, value.strip()));
    }

    @Property
    void limiterRoundTrips(@ForAll("tokens") String name, @ForAll @IntRange(max = 100) int percent) throws BadValueException {
        assertThat(HttpSpecs.hashLimiter(name + ": " + percent + "%")).isEqualTo(new HashLimiter(name, percent));
    }

    @Property
    void paramRoundTrips(@ForAll("tokens") String name, @ForAll("values") String value) throws BadValueException {
        assertThat(HttpSpecs.paramValue(name + "=" + value)).isEqualTo(new ParamValue(name, value));
    }

    @Property
    void anySpecParsesOrIsRefusedNeverCrashes(@ForAll("specLike") String text) {
        for (ValueParser<?> parser : new ValueParser<?>[] {HttpSpecs::headerValue, HttpSpecs::paramValue,
                HttpSpecs::urlRewrite, HttpSpecs::headerRewrite, HttpSpecs::headerFilter, HttpSpecs::hashLimiter,
                HttpSpecs::kafkaOffset, HttpSpecs::regex}) {
            try {
                assertThat((Object) parser.parse(text)).isNotNull();
            } catch (BadValueException e) {
                assertThat(e.expected()).isNotBlank();
            }
        }
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("abcXYZ-_0123456789").ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("abc =:,;/%$1 ").ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> specLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab:=,%|-1( )[]*\\$ ").ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(30));
    }
}
