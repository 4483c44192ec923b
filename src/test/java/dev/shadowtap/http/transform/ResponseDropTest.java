package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.ResponseVerdicts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.shadowtap.http.transform.TransformFixture.CONTINUE;
import static dev.shadowtap.http.transform.TransformFixture.config;
import static dev.shadowtap.http.transform.TransformFixture.ok;
import static dev.shadowtap.http.transform.TransformFixture.post;
import static dev.shadowtap.http.transform.TransformFixture.replayed;
import static dev.shadowtap.http.transform.TransformFixture.request;
import static dev.shadowtap.http.transform.TransformFixture.response;
import static dev.shadowtap.http.transform.TransformFixture.stage;
import static dev.shadowtap.http.transform.TransformFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Responses of dropped requests are dropped too, paired per id in order, as in GoReplay 1.2 files. */
class ResponseDropTest {
    private static final String API = "GET /api/items HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String STATIC = "GET /static/app.js HTTP/1.1\r\nHost: a\r\n\r\n";

    private static List<String> run(TransformFixture.Stage s, Message... messages) {
        List<String> out = new ArrayList<>();
        for (Message m : messages) {
            Message r = s.apply(m);
            if (r != null) {
                out.add(m.type().code() + " " + text(r).substring(text(r).lastIndexOf('\n') + 1));
            }
        }
        return out;
    }

    @Test
    void responsesOfDroppedRequestsGoWithThemByIdAndTheOthersStay() {
        var s = stage(config().allowUrl("^/api/"));
        List<String> out = run(s,
                request("aa01", API), request("bb02", STATIC),
                response("bb02", ok("js")), response("aa01", ok("items")));
        assertThat(out).containsExactly("1 ", "2 items");
        assertThat(s.stats().dropped(Reason.FILTERED_URL)).isEqualTo(1);
        assertThat(s.stats().dropped(Reason.RESPONSE_OF_FILTERED)).isEqualTo(1);
    }

    @Test
    void keepAliveIdsPairTheNthResponseWithTheNthRequest() {
        var s = stage(config().allowUrl("^/api/"));
        // GoReplay 1.2: every request on one connection carries the connection's id.
        List<String> out = run(s,
                request("c1", API), response("c1", ok("r1")),
                request("c1", STATIC), response("c1", ok("r2")),
                request("c1", STATIC), request("c1", API),
                response("c1", ok("r3")), response("c1", ok("r4")),
                request("c1", API), response("c1", ok("r5")));
        assertThat(out).containsExactly("1 ", "2 r1", "1 ", "2 r4", "1 ", "2 r5");
        assertThat(s.stats().dropped(Reason.RESPONSE_OF_FILTERED)).isEqualTo(2);
    }

    @Test
    void replayedResponsesFollowTheSameVerdictsIndependentlyOfOriginalOnes() {
        var s = stage(config().allowUrl("^/api/"));
        List<String> out = run(s,
                request("c2", STATIC), request("c2", API),
                replayed("c2", ok("x1")), response("c2", ok("o1")),
                replayed("c2", ok("x2")), response("c2", ok("o2")));
        assertThat(out).containsExactly("1 ", "3 x2", "2 o2");
    }

    @Test
    void interimResponsesDoNotConsumeAVerdict() {
        var s = stage(config().allowMethod("GET"));
        String upload = post("/upload", "data=1", "Expect: 100-continue");
        List<String> out = run(s,
                request("c3", upload), response("c3", CONTINUE), response("c3", ok("stored")),
                request("c3", API), response("c3", CONTINUE), response("c3", ok("items")));
        assertThat(out).containsExactly("1 ", "2 ", "2 items");
        assertThat(s.stats().dropped(Reason.RESPONSE_OF_FILTERED)).isEqualTo(2);
    }

    @Test
    void aContinueRecordedBeforeItsRequestPassesAndTheFinalResponseStillPairs() {
        var s = stage(config().allowMethod("GET"));
        String upload = post("/upload", "data=1", "Expect: 100-continue");
        List<String> out = run(s,
                response("c4", CONTINUE), request("c4", upload), response("c4", ok("stored")),
                request("c4", API), response("c4", ok("items")));
        assertThat(out).containsExactly("2 ", "1 ", "2 items");
    }

    @Test
    void aResponseWhoseRequestWasLostPassesWithoutShiftingThePairing() {
        var s = stage(config().allowUrl("^/api/"));
        List<String> out = run(s,
                request("c5", API), response("c5", ok("r1")),
                response("c5", ok("orphan")),
                request("c5", STATIC), response("c5", ok("r3")),
                request("c5", API), response("c5", ok("r4")));
        assertThat(out).containsExactly("1 ", "2 r1", "2 orphan", "1 ", "2 r4");
    }

    @Test
    void responsesOfUnknownIdsPass() {
        var s = stage(config().allowUrl("^/api/"));
        assertThat(run(s, response("never-seen", ok("x")))).containsExactly("2 x");
    }

    @Test
    void withoutFiltersNothingIsTrackedAndResponsesPass() {
        var s = stage(config().setHeader("X-Replay: 1"));
        run(s, request("d1", API), response("d1", ok("x")));
        assertThat(s.transform().trackedIds()).isZero();
        assertThat(s.stats().droppedTotal()).isZero();
    }

    @Test
    void trackedIdsAreBoundedAndTheLeastRecentlyUsedForgotten() {
        var s = stage(config().allowUrl("^/api/").maxTrackedIds(100));
        for (int i = 0; i < 1000; i++) {
            s.apply(request("id" + i, STATIC));
        }
        assertThat(s.transform().trackedIds()).isEqualTo(100);
        assertThat(s.apply(response("id0", ok("forgotten")))).as("evicted id: verdict unknown, passes").isNotNull();
        assertThat(s.apply(response("id999", ok("remembered")))).isNull();
    }

    @Test
    void aResponseFarBehindItsRequestsVerdictWindowPasses() {
        var s = stage(config().allowUrl("^/api/"));
        s.apply(request("w", STATIC));
        for (int i = 0; i < ResponseVerdicts.WINDOW; i++) {
            s.apply(request("w", API));
        }
        assertThat(s.apply(response("w", ok("first")))).as("beyond the window").isNotNull();
        s.apply(request("w", STATIC));
        for (int i = 1; i <= ResponseVerdicts.WINDOW; i++) {
            assertThat(s.apply(response("w", ok("api")))).isNotNull();
        }
        assertThat(s.apply(response("w", ok("static")))).isNull();
    }
}
