package dev.shadowtap.cli;

import dev.shadowtap.http.transform.HashLimiter;
import dev.shadowtap.http.transform.HeaderFilter;
import dev.shadowtap.http.transform.HeaderRewrite;
import dev.shadowtap.http.transform.HeaderValue;
import dev.shadowtap.http.transform.HttpTransformConfig;
import dev.shadowtap.http.transform.HttpTransformConfigBuilder;
import dev.shadowtap.http.transform.UrlRewrite;
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

import static dev.shadowtap.cli.Flag.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP flag values as the cli reads them (through the transform package's parsers) and refuses them. */
class HttpSpecsTest {
    /** The config that one value of {@code flag} yields. */
    static HttpTransformConfig config(Flag flag, String text) throws BadValueException {
        HttpTransformConfigBuilder config = new HttpTransformConfigBuilder();
        HttpSpecs.add(config, flag, text);
        return config.build();
    }

    static HeaderValue headerValue(String text) throws BadValueException {
        return config(HTTP_SET_HEADER, text).setHeaders().getFirst();
    }

    static HeaderValue paramValue(String text) throws BadValueException {
        return config(HTTP_SET_PARAM, text).setParams().getFirst();
    }

    static HashLimiter hashLimiter(String text) throws BadValueException {
        return config(HTTP_HEADER_LIMITER, text).headerLimiters().getFirst();
    }

    @Test
    void headerValueTrimsNameAndValue() throws BadValueException {
        assertThat(headerValue("User-Agent: Gor")).isEqualTo(new HeaderValue("User-Agent", "Gor"));
        assertThat(headerValue(" X-A :b: c ")).isEqualTo(new HeaderValue("X-A", "b: c"));
        assertThat(headerValue("X-Empty:")).isEqualTo(new HeaderValue("X-Empty", ""));
    }

    @Test
    void paramValueSplitsAtTheFirstEquals() throws BadValueException {
        assertThat(paramValue("api_key=1")).isEqualTo(new HeaderValue("api_key", "1"));
        assertThat(paramValue("q=a=b")).isEqualTo(new HeaderValue("q", "a=b"));
    }

    @Test
    void urlRewriteCompilesTheRegexOnce() throws BadValueException {
        UrlRewrite r = config(HTTP_REWRITE_URL, "/v1/user/([^\\/]+)/ping:/v2/user/$1/ping").urlRewrites().getFirst();
        assertThat(r.regex().pattern()).isEqualTo("/v1/user/([^\\/]+)/ping");
        assertThat(r.replacement()).isEqualTo("/v2/user/$1/ping");
        assertThat(r.regex().matcher("/v1/user/7/ping").replaceAll(r.replacement())).isEqualTo("/v2/user/7/ping");
    }

    @Test
    void goNamedGroupsAreAcceptedInEveryRegex() throws BadValueException {
        assertThat(config(HTTP_REWRITE_URL, "(?P<v>v1)/(.*):v2/$2").urlRewrites().getFirst().regex()
                .matcher("/v1/x").find()).isTrue();
        assertThat(config(HTTP_ALLOW_URL, "/(?P<id>\\d+)$").allowUrls().getFirst().matcher("/u/7").find()).isTrue();
        assertThat(config(HTTP_ALLOW_HEADER, "X: (?P<v>a)").allowHeaders().getFirst().regex().matcher("a").find()).isTrue();
        assertThat(config(HTTP_REWRITE_HEADER, "Host: (?P<h>.*),x").headerRewrites()).hasSize(1);
    }

    @Test
    void headerRewriteSplitsNameRegexAndReplacement() throws BadValueException {
        HeaderRewrite r = config(HTTP_REWRITE_HEADER, "Host: (.*).example.com,$1.beta.example.com").headerRewrites().getFirst();
        assertThat(r.name()).isEqualTo("Host");
        assertThat(r.regex().matcher("api.example.com").replaceAll(r.replacement())).isEqualTo("api.beta.example.com");
    }

    @Test
    void headerFilterAndLimiters() throws BadValueException {
        HeaderFilter f = config(HTTP_ALLOW_HEADER, "api-version: ^v1").allowHeaders().getFirst();
        assertThat(f.name()).isEqualTo("api-version");
        assertThat(f.regex().matcher("v1.2").find()).isTrue();
        assertThat(hashLimiter("user-id: 25%")).isEqualTo(new HashLimiter("user-id", 25));
        assertThat(hashLimiter("user_id:100%")).isEqualTo(new HashLimiter("user_id", 100));
        assertThat(hashLimiter("a: 0%")).isEqualTo(new HashLimiter("a", 0));
        assertThat(config(HTTP_PARAM_LIMITER, "uid: 10%").paramLimiters()).containsExactly(new HashLimiter("uid", 10));
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
        assertThatThrownBy(() -> headerValue(text)).isInstanceOf(BadValueException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWithIgnoringCase("'Name: value'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: 25", "a: 101%", "a: -1%", "a 25%", "a: x%", ": 5%"})
    void limiterNeedsAPercentFrom0To100(String text) {
        assertThatThrownBy(() -> hashLimiter(text)).isInstanceOf(BadValueException.class);
    }

    @Test
    void badRegexNamesThePattern() {
        assertThatThrownBy(() -> config(HTTP_REWRITE_URL, "([a-:/x")).isInstanceOf(BadValueException.class)
                .hasMessageContaining("'([a-'");
        assertThatThrownBy(() -> config(HTTP_ALLOW_HEADER, "X: (unclosed")).isInstanceOf(BadValueException.class)
                .hasMessageContaining("'(unclosed'");
        assertThatThrownBy(() -> config(HTTP_REWRITE_HEADER, "Host: no comma")).isInstanceOf(BadValueException.class);
        assertThatThrownBy(() -> paramValue("novalue")).isInstanceOf(BadValueException.class);
        assertThatThrownBy(() -> config(HTTP_REWRITE_URL, ":/x")).isInstanceOf(BadValueException.class);
    }

    @Test
    void theTransformsReasonBecomesTheExpectedPart() {
        assertThatThrownBy(() -> headerValue("no colon")).hasMessage("'Name: value'");
        assertThatThrownBy(() -> hashLimiter("a: 101%")).hasMessage("a percentage from 0% to 100%");
        assertThatThrownBy(() -> paramValue("q=a b"))
                .hasMessage("NAME=VALUE; 'q=a b' holds a space, '&', '#' or a control byte; percent-encode it");
        assertThatThrownBy(() -> config(HTTP_ALLOW_URL, "(unclosed")).hasMessageStartingWith("REGEX; bad regex '(unclosed'");
    }

    @Property
    void headerValueRoundTrips(@ForAll("tokens") String name, @ForAll("values") String value) throws BadValueException {
        assertThat(headerValue(name + ": " + value)).isEqualTo(new HeaderValue(name, value.strip()));
    }

    @Property
    void limiterRoundTrips(@ForAll("tokens") String name, @ForAll @IntRange(max = 100) int percent) throws BadValueException {
        assertThat(hashLimiter(name + ": " + percent + "%")).isEqualTo(new HashLimiter(name, percent));
    }

    @Property
    void paramRoundTrips(@ForAll("tokens") String name, @ForAll("paramValues") String value) throws BadValueException {
        assertThat(paramValue(name + "=" + value)).isEqualTo(new HeaderValue(name, value));
    }

    @Property
    void anySpecParsesOrIsRefusedNeverCrashes(@ForAll("specLike") String text) {
        for (Flag flag : HttpSpecs.TRANSFORM_FLAGS) {
            try {
                assertThat(config(flag, text).isEmpty()).isFalse();
            } catch (BadValueException e) {
                assertThat(e.expected()).isNotBlank().doesNotContain("\n");
            }
        }
        try {
            assertThat(HttpSpecs.kafkaOffset(text)).isNotNull();
        } catch (BadValueException e) {
            assertThat(e.expected()).isNotBlank();
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

    /** Query parameters must be URL-safe already (a space or '&' is refused: percent-encode it). */
    @Provide
    Arbitrary<String> paramValues() {
        return Arbitraries.strings().withChars("abc=:,;/%$1").ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> specLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab:=,%|-1( )[]*\\$ ").ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(30));
    }
}
