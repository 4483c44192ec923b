package dev.shadowtap.http.transform;

import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static dev.shadowtap.http.transform.TransformFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flag values read as GoReplay reads them; a value that cannot be read is a one-line error naming the flag. */
class FlagSpecTest {

    @Test
    void headerFilterSplitsAtTheFirstColonAndTrims() {
        HeaderFilter f = HeaderFilter.parse("X-Api-Version: ^1\\.0\\d:x", "--http-allow-header");
        assertThat(f.name()).isEqualTo("X-Api-Version");
        assertThat(f.regex().pattern()).isEqualTo("^1\\.0\\d:x");
    }

    @Test
    void setHeaderAndSetParamTrimBothSides() {
        assertThat(HeaderValue.parseHeader("  User-Agent :  Replay/1.0 (x: y) ", "--http-set-header"))
                .isEqualTo(new HeaderValue("User-Agent", "Replay/1.0 (x: y)"));
        assertThat(HeaderValue.parseParam(" api_key = k=v ", "--http-set-param")).isEqualTo(new HeaderValue("api_key", "k=v"));
    }

    @Test
    void urlRewriteSplitsAtTheFirstColon() {
        UrlRewrite r = UrlRewrite.parse("/v1/([^/]+)/(\\d+):/v2/$1?id=$2", "--http-rewrite-url");
        assertThat(r.regex().pattern()).isEqualTo("/v1/([^/]+)/(\\d+)");
        assertThat(r.replacement()).isEqualTo("/v2/$1?id=$2");
    }

    @Test
    void headerRewriteSplitsNameRegexAndReplacement() {
        HeaderRewrite r = HeaderRewrite.parse("Host: (.*)\\.example\\.com,$1.staging.local", "--http-rewrite-header");
        assertThat(r.name()).isEqualTo("Host");
        assertThat(r.regex().pattern()).isEqualTo("(.*)\\.example\\.com");
        assertThat(r.replacement()).isEqualTo("$1.staging.local");
    }

    @Test
    void limiterReadsPercentAndTheDeprecatedFraction() {
        assertThat(HashLimiter.parse("X-User-Id: 25%", "--http-header-limiter")).isEqualTo(new HashLimiter("X-User-Id", 25));
        assertThat(HashLimiter.parse("user_id:1/4", "--http-param-limiter")).isEqualTo(new HashLimiter("user_id", 25));
        assertThat(HashLimiter.parse("a: 0%", "--http-param-limiter").percent()).isZero();
        assertThat(HashLimiter.parse("a: 100%", "--http-param-limiter").percent()).isEqualTo(100);
    }

    @Test
    void goNamedGroupsCompile() {
        var s = TransformFixture.stage(config().rewriteUrl("^/u/(?P<user>\\w+):/users/${user}"));
        assertThat(s.apply("GET /u/bob HTTP/1.1\r\nHost: a\r\n\r\n")).startsWith("GET /users/bob HTTP/1.1");
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheFlag() {
        assertError(b -> b.allowHeader("no colon here"), "--http-allow-header: expected 'Name: regex'");
        assertError(b -> b.allowHeader(": x"), "--http-allow-header: no header name");
        assertError(b -> b.disallowHeader("Bad Name: x"), "--http-disallow-header: 'Bad Name' is not a header name");
        assertError(b -> b.allowUrl("(unclosed"), "--http-allow-url: bad regex '(unclosed'");
        assertError(b -> b.disallowUrl("[z-a]"), "--http-disallow-url: bad regex");
        assertError(b -> b.basicAuthFilter("*x"), "--http-basic-auth-filter: bad regex");
        assertError(b -> b.headerLimiter("X-User-Id: 25"), "--http-header-limiter: expected a percentage");
        assertError(b -> b.headerLimiter("X-User-Id: 101%"), "--http-header-limiter: expected a percentage");
        assertError(b -> b.paramLimiter("uid: lots%"), "--http-param-limiter: expected a percentage");
        assertError(b -> b.paramLimiter("uid 25%"), "--http-param-limiter: expected 'name: 25%'");
        assertError(b -> b.setHeader("X-Only-Name"), "--http-set-header: expected 'Name: value'");
        assertError(b -> b.setParam("novalue"), "--http-set-param: expected 'name=value'");
        assertError(b -> b.setParam("q=a b"), "--http-set-param: 'q=a b' holds a space");
        assertError(b -> b.rewriteUrl("/no-replacement"), "--http-rewrite-url: expected 'regex:replacement'");
        assertError(b -> b.rewriteUrl(":/x"), "--http-rewrite-url: no regex in ':/x'");
        assertError(b -> b.rewriteHeader("Host: no-comma"), "--http-rewrite-header: expected 'Name: regex,replacement'");
        assertError(b -> b.allowMethod("  "), "--http-allow-method: empty method");
    }

    private static void assertError(Consumer<HttpTransformConfigBuilder> flag, String start) {
        assertThatThrownBy(() -> flag.accept(config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(start)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void configKnowsWhetherItFiltersOrRewrites() {
        assertThat(HttpTransformConfig.NONE.isEmpty()).isTrue();
        assertThat(config().setHeader("A: b").build().filters()).isFalse();
        assertThat(config().setHeader("A: b").build().rewrites()).isTrue();
        assertThat(config().headerLimiter("A: 5%").build().filters()).isTrue();
        assertThatThrownBy(() -> config().maxTrackedIds(0).build()).hasMessageContaining("maxTrackedIds");
    }
}
