package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reasons;
import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.shadowtap.http.transform.TransformFixture.GET;
import static dev.shadowtap.http.transform.TransformFixture.config;
import static dev.shadowtap.http.transform.TransformFixture.post;
import static dev.shadowtap.http.transform.TransformFixture.request;
import static dev.shadowtap.http.transform.TransformFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;

/** Each filter flag on realistic requests: what passes (untouched, the same message) and what is dropped and counted. */
class FilterTest {

    private static void assertPassesUnchanged(TransformFixture.Stage s, String raw) {
        Message in = request("a1", raw);
        assertThat(s.apply(in)).as("passes as the very same message").isSameAs(in);
        assertThat(s.stats().droppedTotal()).isZero();
    }

    private static void assertDropped(TransformFixture.Stage s, String raw, String reason) {
        assertThat(s.apply(raw)).isNull();
        assertThat(s.stats().dropped(Reasons.labelled(reason))).isEqualTo(1);
        assertThat(s.stats().droppedTotal()).isEqualTo(1);
    }

    @Test
    void allowMethodMethodInTheListPassesInAnyCase() {
        var s = stage(config().allowMethod("post").allowMethod("get"));
        assertPassesUnchanged(s, GET);
        assertThat(s.stats().droppedTotal()).isZero();
        assertThat(s.stats().messages()).as("counted by the stage that hands it on, not twice").isZero();
    }

    @Test
    void allowMethodOtherMethodsAreDropped() {
        assertDropped(stage(config().allowMethod("GET")), post("/login", "user=alice"), "filtered-method");
    }

    @Test
    void allowUrlMatchingPathPasses() {
        assertPassesUnchanged(stage(config().allowUrl("^/api/v1/")), GET);
    }

    @Test
    void allowUrlTheQueryIsPartOfTheUrl() {
        assertPassesUnchanged(stage(config().allowUrl("[?&]page=2")), GET);
    }

    @Test
    void allowUrlHostPlusPathMatchesAsGoReplaysHelpSays() {
        assertPassesUnchanged(stage(config().allowUrl("^www\\.example\\.com/api/")), GET);
    }

    @Test
    void allowUrlAnyOfSeveralAllowUrlsIsEnough() {
        assertPassesUnchanged(stage(config().allowUrl("^/admin").allowUrl("/users")), GET);
    }

    @Test
    void allowUrlNonMatchingUrlIsDropped() {
        assertDropped(stage(config().allowUrl("^/admin")), GET, "filtered-url");
    }

    @Test
    void allowUrlOtherHostIsDropped() {
        assertDropped(stage(config().allowUrl("^staging\\.example\\.com/")), GET, "filtered-url");
    }

    @Test
    void disallowUrlMatchingUrlIsDropped() {
        assertDropped(stage(config().disallowUrl("/users\\?")), GET, "filtered-url");
    }

    @Test
    void disallowUrlMatchingHostIsDropped() {
        assertDropped(stage(config().disallowUrl("^www\\.example\\.com")), GET, "filtered-url");
    }

    @Test
    void disallowUrlOtherUrlsPass() {
        assertPassesUnchanged(stage(config().disallowUrl("^/admin").disallowUrl("\\.png$")), GET);
    }

    @Test
    void allowHeaderMatchingValuePassesWhateverTheNameCase() {
        assertPassesUnchanged(stage(config().allowHeader("x-api-version: ^1\\.0\\d")), GET);
    }

    @Test
    void allowHeaderNonMatchingValueIsDropped() {
        assertDropped(stage(config().allowHeader("X-Api-Version: ^2")), GET, "filtered-header");
    }

    @Test
    void allowHeaderMissingHeaderIsDropped() {
        assertDropped(stage(config().allowHeader("X-Tenant: .*")), GET, "filtered-header");
    }

    @Test
    void allowHeaderOnlyTheFirstOfDuplicateHeadersCountsAsInGoReplay() {
        assertPassesUnchanged(stage(config().allowHeader("Cookie: session=")), GET);
        assertDropped(stage(config().allowHeader("Cookie: theme=")), GET, "filtered-header");
    }

    @Test
    void allowHeaderEveryAllowHeaderMustPass() {
        assertPassesUnchanged(stage(config().allowHeader("Host: example").allowHeader("User-Agent: Mozilla")), GET);
        assertDropped(stage(config().allowHeader("Host: example").allowHeader("User-Agent: curl")), GET,
                "filtered-header");
    }

    @Test
    void disallowHeaderMatchingValueIsDropped() {
        assertDropped(stage(config().disallowHeader("User-Agent: (?i)mozilla")), GET, "filtered-header");
    }

    @Test
    void disallowHeaderNonMatchingValuePasses() {
        assertPassesUnchanged(stage(config().disallowHeader("User-Agent: bot|crawler")), GET);
    }

    @Test
    void disallowHeaderMissingHeaderPasses() {
        assertPassesUnchanged(stage(config().disallowHeader("X-Internal: .")), GET);
    }

    private static String withAuth(String authorization) {
        return post("/account", "name=Alice+Smith", "Authorization: " + authorization);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthMatchingCredentialsPass() {
        assertPassesUnchanged(stage(config().basicAuthFilter("^alice:")), withAuth(basic("alice:s3cret")));
    }

    @Test
    void basicAuthOtherCredentialsAreDropped() {
        assertDropped(stage(config().basicAuthFilter("^alice:")), withAuth(basic("mallory:pw")), "filtered-auth");
    }

    @Test
    void basicAuthTheDecodedPasswordIsMatchedToo() {
        assertDropped(stage(config().basicAuthFilter(":s3cret$")), withAuth(basic("alice:other")), "filtered-auth");
    }

    @Test
    void basicAuthRequestsWithoutBasicCredentialsPassAsInGoReplay() {
        var s = stage(config().basicAuthFilter("^alice:"));
        assertPassesUnchanged(s, GET);
        assertPassesUnchanged(s, withAuth("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"));
    }

    @Test
    void basicAuthCredentialsThatAreNotBase64CannotBeMatchedAndAreDropped() {
        assertDropped(stage(config().basicAuthFilter(".*")), withAuth("Basic !!not-base64!!"), "filtered-auth");
    }

    @Test
    void orderSetHeaderRunsBeforeHeaderFiltersAsInGoReplay() {
        var s = stage(config().setHeader("X-Tenant: blue").allowHeader("X-Tenant: ^blue$"));
        assertThat(s.apply(GET)).contains("X-Tenant: blue\r\n");
    }

    @Test
    void orderSetParamRunsBeforeUrlFilters() {
        var s = stage(config().setParam("debug=1").allowUrl("debug=1"));
        assertThat(s.apply(GET)).startsWith("GET /api/v1/users?id=7&page=2&debug=1 HTTP/1.1\r\n");
    }

    @Test
    void orderUrlFiltersSeeTheUrlBeforeRewriteUrl() {
        var s = stage(config().rewriteUrl("^/api/v1/:/v2/").allowUrl("^/api/v1/"));
        assertThat(s.apply(GET)).startsWith("GET /v2/users?id=7&page=2 HTTP/1.1\r\n");
    }

    @Test
    void orderTheFirstFailingFilterNamesTheDrop() {
        var s = stage(config().allowMethod("POST").allowUrl("^/admin"));
        assertThat(s.apply(GET)).isNull();
        assertThat(s.stats().dropped(Reason.FILTERED_METHOD)).isEqualTo(1);
        assertThat(s.stats().dropped(Reason.FILTERED_URL)).isZero();
    }

    @Test
    void allowUrlMatchesAnAbsoluteFormTargetAsWritten() {
        String proxy = "GET http://www.example.com/api/x HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
        assertPassesUnchanged(stage(config().allowUrl("^http://www\\.example\\.com/api/")), proxy);
        assertDropped(stage(config().allowUrl("^/api/")), proxy, "filtered-url");
    }

    @Test
    void withoutAHostHeaderOnlyTheTargetIsMatched() {
        String noHost = "GET /api/x HTTP/1.0\r\nAccept: */*\r\n\r\n";
        assertPassesUnchanged(stage(config().allowUrl("^/api/")), noHost);
        assertDropped(stage(config().allowUrl("^www")), noHost, "filtered-url");
    }

    @Test
    void headerLimiterUsesTheFirstOfDuplicateHeaders() {
        String first = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "u" + i)
                .filter(u -> !FnvHash.kept(u, 50)).findFirst().orElseThrow();
        String second = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "u" + i)
                .filter(u -> FnvHash.kept(u, 50)).findFirst().orElseThrow();
        String raw = "GET / HTTP/1.1\r\nHost: a\r\nX-User: " + first + "\r\nx-user: " + second + "\r\n\r\n";
        assertDropped(stage(config().headerLimiter("X-User: 50%")), raw, "sampled-out-header");
    }
}
