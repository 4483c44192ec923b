package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;

import static dev.shadowtap.http.transform.TransformFixture.config;
import static dev.shadowtap.http.transform.TransformFixture.ok;
import static dev.shadowtap.http.transform.TransformFixture.request;
import static dev.shadowtap.http.transform.TransformFixture.response;
import static dev.shadowtap.http.transform.TransformFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose head cannot be parsed: allow-filters cannot allow it (dropped, "unparseable");
 * everything else passes it unchanged (counted). Never an exception.
 */
class MalformedRequestTest {
    private static final String[] MALFORMED = {
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003",          // TLS ClientHello
        "GET /no-version\r\nHost: a\r\n\r\n",                                              // HTTP/0.9-like line
        "GET /x HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n",                             // space in a name
        "GET /x HTTP/1.1\r\nHost: a\r\n",                                                  // head never ends
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",                                    // a response as type 1
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",                                                 // HTTP/2 preface
    };

    @Test
    void allowFiltersDropWhatTheyCannotRead() {
        for (var c : new HttpTransformConfigBuilder[] {config().allowMethod("GET"), config().allowUrl("."),
                config().allowHeader("Host: .")}) {
            var s = stage(c);
            for (String raw : MALFORMED) {
                assertThat(s.apply(raw)).as(raw).isNull();
            }
            assertThat(s.stats().dropped(Reason.UNPARSEABLE)).isEqualTo(MALFORMED.length);
            assertThat(s.stats().droppedTotal()).isEqualTo(MALFORMED.length);
        }
    }

    @Test
    void otherRulesPassItUnchangedAndCountIt() {
        var s = stage(config().disallowUrl("/admin").disallowHeader("X: y").basicAuthFilter("^a:")
                .headerLimiter("X-User: 1%").paramLimiter("u: 1%").setHeader("X-Replay: 1").setParam("a=b")
                .rewriteUrl("x:y").rewriteHeader("Host: a,b"));
        for (String raw : MALFORMED) {
            Message in = request("m1", raw);
            assertThat(s.apply(in)).as(raw).isSameAs(in);
        }
        assertThat(s.transform().unparseablePassed()).isEqualTo(MALFORMED.length);
        assertThat(s.stats().droppedTotal()).isZero();
    }

    @Test
    void anUnparseableRequestDroppedByAnAllowFilterTakesItsResponseAlong() {
        var s = stage(config().allowMethod("GET"));
        assertThat(s.apply(request("c1", MALFORMED[0]))).isNull();
        assertThat(s.apply(response("c1", ok("x")))).isNull();
        assertThat(s.stats().dropped(Reason.RESPONSE_OF_FILTERED)).isEqualTo(1);
    }

    @Test
    void anEmptyRequestRecordHasNoResponseAndDoesNotShiftThePairing() {
        var s = stage(config().allowUrl("^/api/"));
        // GoReplay 1.2 leaves an empty request record for a connection that carried no data.
        assertThat(s.apply(request("c2", ""))).isNull();
        assertThat(s.stats().dropped(Reason.UNPARSEABLE)).isEqualTo(1);
        assertThat(s.apply(request("c2", "GET /api/x HTTP/1.1\r\nHost: a\r\n\r\n"))).isNotNull();
        assertThat(s.apply(response("c2", ok("x")))).isNotNull();
    }

    @Test
    void aRegexThatBlowsUpIsCountedNotThrown() {
        var s = stage(config().allowUrl("^(a|aa)+$"));
        String path = "/" + "a".repeat(200_000) + "b";
        assertThat(s.apply("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n")).isNull();
        assertThat(s.stats().droppedTotal()).isEqualTo(1);
        assertThat(s.stats().dropped(Reason.TRANSFORM_ERROR) + s.stats().dropped(Reason.FILTERED_URL)).isEqualTo(1);
    }
}
