package dev.shadowtap.http.transform;

import dev.shadowtap.http.HttpHead;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;

import static dev.shadowtap.http.transform.TransformFixture.GET;
import static dev.shadowtap.http.transform.TransformFixture.bytes;
import static dev.shadowtap.http.transform.TransformFixture.config;
import static dev.shadowtap.http.transform.TransformFixture.post;
import static dev.shadowtap.http.transform.TransformFixture.request;
import static dev.shadowtap.http.transform.TransformFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rewrite flag changes exactly the bytes it names: every other byte (header order, case,
 * duplicates, line ends, body) stays identical, and Content-Length stays right.
 */
class RewriteTest {

    private static void assertBodyAndLengthKept(String out, String body) {
        HttpHead head = HttpHead.parse(bytes(out));
        assertThat(out.substring(head.length())).isEqualTo(body);
        assertThat(head.header("Content-Length")).hasValue(Integer.toString(body.length()));
    }

    @Test
    void setHeaderReplacesTheFirstValueInPlaceKeepingTheNameAsWritten() {
        String out = stage(config().setHeader("User-Agent: shadowtap-replay")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("user-agent: Mozilla/5.0 (X11; Linux x86_64)", "user-agent: shadowtap-replay"));
    }

    @Test
    void setHeaderChangesOnlyTheFirstOfDuplicates() {
        String out = stage(config().setHeader("COOKIE: session=replay")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("Cookie: session=abc", "Cookie: session=replay"));
        assertThat(out).contains("cookie: theme=dark\r\n");
    }

    @Test
    void setHeaderAddsAMissingHeaderRightAfterTheRequestLineInFlagOrder() {
        String out = stage(config().setHeader("X-Replayed: 1").setHeader("X-Env: staging")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nX-Replayed: 1\r\nX-Env: staging\r\n"));
    }

    @Test
    void setHeaderTwiceOnANewHeaderKeepsTheLastValue() {
        String out = stage(config().setHeader("X-Env: a").setHeader("x-env: b")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nX-Env: b\r\n"));
    }

    @Test
    void setHeaderOnBareLfRequestWritesBareLf() {
        String lf = "GET / HTTP/1.0\nHost: old\nAccept: */*\n\n";
        assertThat(stage(config().setHeader("X-New: 1").setHeader("Host: new")).apply(lf))
                .isEqualTo("GET / HTTP/1.0\nX-New: 1\nHost: new\nAccept: */*\n\n");
    }

    @Test
    void setHeaderReplacesAFoldedValueWhole() {
        String folded = "GET / HTTP/1.1\r\nHost: a\r\nX-Long: part one\r\n  part two\r\nAccept: */*\r\n\r\n";
        assertThat(stage(config().setHeader("X-Long: short")).apply(folded))
                .isEqualTo("GET / HTTP/1.1\r\nHost: a\r\nX-Long: short\r\nAccept: */*\r\n\r\n");
    }

    @Test
    void setHeaderKeepsTheBodyAndContentLength() {
        String body = "user=alice&password=s%C3%A9cret&remember=on";
        String out = stage(config().setHeader("Host: staging.example.com")).apply(post("/login", body));
        assertThat(out).isEqualTo(post("/login", body).replace("Host: api.example.com", "Host: staging.example.com"));
        assertBodyAndLengthKept(out, body);
    }

    @Test
    void setParamReplacesAnExistingValue() {
        String out = stage(config().setParam("page=9")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("?id=7&page=2 ", "?id=7&page=9 "));
    }

    @Test
    void setParamReplacesTheFirstParameterOnlyByExactName() {
        String raw = GET.replace("?id=7&page=2", "?xid=1&id=7&id=8");
        assertThat(stage(config().setParam("id=42")).apply(raw)).isEqualTo(GET.replace("?id=7&page=2", "?xid=1&id=42&id=8"));
    }

    @Test
    void setParamAppendsWithAmpersandOrQuestionMark() {
        assertThat(stage(config().setParam("debug=1")).apply(GET)).isEqualTo(GET.replace("page=2 ", "page=2&debug=1 "));
        String noQuery = "GET /health HTTP/1.1\r\nHost: a\r\n\r\n";
        assertThat(stage(config().setParam("debug=1")).apply(noQuery)).isEqualTo(noQuery.replace("/health ", "/health?debug=1 "));
    }

    @Test
    void setParamOnPostChangesTheRequestLineNotTheBodyOrContentLength() {
        String body = "a=1&b=2";
        String out = stage(config().setParam("b=3")).apply(post("/form", body));
        assertThat(out).isEqualTo(post("/form?b=3", body));
        assertBodyAndLengthKept(out, body);
    }

    @Test
    void rewriteUrlSubstitutesGroups() {
        String out = stage(config().rewriteUrl("^/api/v1/(\\w+):/v2/$1/list")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("GET /api/v1/users?", "GET /v2/users/list?"));
    }

    @Test
    void rewriteUrlBracedGroupBeforeText() {
        String out = stage(config().rewriteUrl("id=(\\d+):id=${1}0")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("id=7&", "id=70&"));
    }

    @Test
    void rewriteUrlReplacesEveryMatchOfTheFirstMatchingRuleOnly() {
        String out = stage(config().rewriteUrl("^/nomatch:/x").rewriteUrl("\\d:N").rewriteUrl("users:people")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("/api/v1/users?id=7&page=2", "/api/vN/users?id=N&page=N"));
    }

    @Test
    void rewriteUrlThatDoesNotMatchLeavesTheSameMessage() {
        Message in = request("a1", GET);
        assertThat(stage(config().rewriteUrl("^/admin/(.*):/$1")).apply(in)).isSameAs(in);
    }

    @Test
    void rewriteUrlOnPostKeepsBodyAndContentLength() {
        String body = "{\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"]}";
        String out = stage(config().rewriteUrl("^/v1/(.*):/v2/$1")).apply(post("/v1/items", body));
        assertThat(out).isEqualTo(post("/v2/items", body));
        assertBodyAndLengthKept(out, body);
    }

    @Test
    void rewriteUrlKeepsAChunkedBodyByteForByte() {
        String chunked = "POST /v1/upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
        assertThat(stage(config().rewriteUrl("v1:v2")).apply(chunked)).isEqualTo(chunked.replace("/v1/", "/v2/"));
    }

    @Test
    void rewriteHeaderSubstitutesInTheFirstHeaderOfThatName() {
        String out = stage(config().rewriteHeader("Host: ^www\\.(.*)$,staging.$1")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("Host: www.example.com", "Host: staging.example.com"));
    }

    @Test
    void rewriteHeaderOnlyTouchesTheFirstDuplicate() {
        String out = stage(config().rewriteHeader("cookie: =(\\w+),=x$1")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("Cookie: session=abc", "Cookie: session=xabc"));
    }

    @Test
    void rewriteHeaderThatDoesNotMatchLeavesTheSameMessage() {
        Message in = request("a1", GET);
        assertThat(stage(config().rewriteHeader("Host: ^api\\.,x")).apply(in)).isSameAs(in);
    }

    @Test
    void aMissingHeaderSkipsOnlyItsOwnRewriteRule() {
        String out = stage(config().rewriteHeader("X-Missing: a,b").rewriteHeader("Accept: \\*/\\*,application/json")).apply(GET);
        assertThat(out).isEqualTo(GET.replace("Accept: */*", "Accept: application/json"));
    }

    @Test
    void rewriteHeaderRulesSeeEarlierRewritesAndSetHeaders() {
        String out = stage(config().setHeader("X-Env: prod").rewriteHeader("X-Env: prod,stage").rewriteHeader("X-Env: stage,qa"))
                .apply(GET);
        assertThat(out).isEqualTo(GET.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nX-Env: qa\r\n"));
    }

    @Test
    void everyRewriteAtOnceChangesOnlyTheirBytes() {
        String body = "q=shoes";
        String raw = post("/search?lang=en", body, "X-Trace: 123", "x-trace: 456");
        String out = stage(config().setHeader("X-Trace: 999").setParam("lang=de").rewriteUrl("^/search:/v2/search")
                .rewriteHeader("Host: api\\.,api-staging.")).apply(raw);
        assertThat(out).isEqualTo(post("/v2/search?lang=de", body, "X-Trace: 999", "x-trace: 456")
                .replace("Host: api.example.com", "Host: api-staging.example.com"));
        assertBodyAndLengthKept(out, body);
    }

    @Test
    void setHeaderFillsAnEmptyValue() {
        String raw = "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Spaces:   \r\n\r\n";
        assertThat(stage(config().setHeader("X-Empty: 1").setHeader("X-Spaces: 2")).apply(raw))
                .isEqualTo("GET / HTTP/1.1\r\nHost: a\r\nX-Empty: 1\r\nX-Spaces:   2\r\n\r\n");
    }

    @Test
    void tabsAroundAValueAreKept() {
        String raw = "GET / HTTP/1.1\r\nHost:\ta.example.com\t\r\n\r\n";
        assertThat(stage(config().setHeader("Host: b.example.com")).apply(raw))
                .isEqualTo("GET / HTTP/1.1\r\nHost:\tb.example.com\t\r\n\r\n");
    }

    @Test
    void rewriteUrlOnAnAbsoluteFormProxyTarget() {
        String raw = "GET http://www.example.com/v1/a?x=1 HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
        assertThat(stage(config().rewriteUrl("/v1/:/v2/")).apply(raw)).isEqualTo(raw.replace("/v1/", "/v2/"));
    }
}
