package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.shadowtap.io.http.ReplayFixtures.config;
import static dev.shadowtap.io.http.ReplayFixtures.drain;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static dev.shadowtap.io.http.ReplayFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Each response framing read whole (the tracked reply is exactly what the server sent), the connection reused where legal. */
class HttpReplayResponsesTest {

    private record Run(List<Message> replies, ScriptedServer server, HttpReplayOutput out) {
    }

    private static Run replay(String method, String response, ScriptedServer.After after, int count) throws Exception {
        ScriptedServer server = new ScriptedServer((r, i, s) -> ScriptedServer.Answer.of(response).then(after));
        HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
        for (int i = 0; i < count; i++) {
            out.write(request(id(i), method + " /r" + i + " HTTP/1.1\r\nHost: h\r\n\r\n"));
        }
        out.close();
        server.close();
        return new Run(drain(out.replies()), server, out);
    }

    static Stream<Arguments> keepAliveResponses() {
        return Stream.of(
                Arguments.of("content-length", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
                Arguments.of("chunked with trailers", "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n"),
                Arguments.of("HEAD with a length and no body", "HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"),
                Arguments.of("204", "DELETE", "HTTP/1.1 204 No Content\r\n\r\n"),
                Arguments.of("304 with a length", "GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\nETag: x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keepAliveResponses")
    void keepAliveResponsesAreReadWholeAndTheConnectionReused(String name, String method, String response) throws Exception {
        Run run = replay(method, response, ScriptedServer.After.KEEP, 3);

        assertThat(run.replies()).hasSize(3).allSatisfy(m -> assertThat(text(m.payload())).isEqualTo(response));
        assertThat(run.server().connections()).isEqualTo(1);
        assertThat(run.out().stats().stage().droppedTotal()).isZero();
    }

    @Test
    void interimResponsesAreSkippedAndTheFinalOneTracked() throws Exception {
        String fin = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        Run run = replay("GET", "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n" + fin,
                ScriptedServer.After.KEEP, 2);

        assertThat(run.replies()).extracting(m -> text(m.payload())).containsExactly(fin, fin);
        assertThat(run.out().stats().interimCount()).isEqualTo(4);
        assertThat(run.server().connections()).isEqualTo(1);
    }

    @Test
    void closeDelimitedBodyIsReadToTheCloseAndTheNextRequestReconnects() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until the close";
        Run run = replay("GET", response, ScriptedServer.After.CLOSE, 3);

        assertThat(run.replies()).hasSize(3).allSatisfy(m -> assertThat(text(m.payload())).isEqualTo(response));
        assertThat(run.server().connections()).isEqualTo(3);
        assertThat(run.out().stats().stage().droppedTotal()).isZero();
    }

    @Test
    void http10ResponseWithoutKeepAliveIsNotReused() throws Exception {
        String response = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";
        Run run = replay("GET", response, ScriptedServer.After.KEEP, 2);

        assertThat(run.replies()).hasSize(2);
        assertThat(run.server().connections()).isEqualTo(2);
    }

    @Test
    void largeBodiesAreReadFullyButTrackedTruncatedAndTheConnectionKept() throws Exception {
        String body = "x".repeat(10_000);
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.answering(head + body)) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1).withResponseBuffer(100), new Stats(),
                    new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.write(request(id(2), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();
            List<Message> replies = drain(out.replies());

            assertThat(replies).extracting(m -> text(m.payload())).containsExactly(head + body.substring(0, 100),
                    head + body.substring(0, 100));
            assertThat(out.stats().truncatedCount()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void garbageIsCountedAsBadResponseWithOneLogLineNamingTheTarget() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering("SSH-2.0-OpenSSH_9.6\r\n\r\n")) {
            ReplayFixtures.LinesLog log = new ReplayFixtures.LinesLog();
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), log);
            for (int i = 0; i < 3; i++) {
                out.write(request(id(i), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            }
            out.close();

            assertThat(out.stats().errors(Reason.BAD_RESPONSE)).isEqualTo(3);
            assertThat(drain(out.replies())).isEmpty();
            assertThat(log.warnings()).hasSize(1).first().asString()
                    .contains("127.0.0.1:" + server.port()).contains("bad-response");
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void slowServerPastTheTimeoutIsCountedAndTheWorkerFreed() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = new ScriptedServer((r, i, s) ->
                i == 0 ? ScriptedServer.Answer.of(ok).delayed(3_000) : ScriptedServer.Answer.of(ok))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1)
                    .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1)), new Stats(), new ReplayFixtures.LinesLog());
            long start = System.nanoTime();
            out.write(request(id(1), "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.write(request(id(2), "GET /fast HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(out.stats().errors(Reason.TIMEOUT)).isEqualTo(1);
            assertThat(drain(out.replies())).extracting(Message::id).containsExactly(id(2));
            assertThat(tookMs).isLessThan(2_500);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void resetMidResponseIsCounted() throws Exception {
        try (ScriptedServer server = new ScriptedServer((r, i, s) -> ScriptedServer.Answer.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial").then(ScriptedServer.After.RESET))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();

            assertThat(out.stats().errors(Reason.RESET) + out.stats().errors(Reason.CLOSED_EARLY)).isEqualTo(1);
            assertThat(drain(out.replies())).isEmpty();
        }
    }

    @Test
    void aRequestThatMayHaveReachedTheTargetIsNeverRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer((r, i, s) ->
                ScriptedServer.Answer.of("").then(ScriptedServer.After.RESET))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            out.write(request(id(1), "POST /pay HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"));
            out.close();
            Thread.sleep(200);

            assertThat(server.received()).hasSize(1);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(out.stats().stage().droppedTotal()).isEqualTo(1);
        }
    }

    @Test
    void redirectsOnTheTargetHostAreFollowedUpToTheLimit() throws Exception {
        try (ScriptedServer server = new ScriptedServer((r, i, s) -> {
            String target = r.head().target();
            if (target.equals("/final")) {
                return ScriptedServer.Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
            }
            if (target.equals("/elsewhere")) {
                return ScriptedServer.Answer.of("HTTP/1.1 302 Found\r\nLocation: http://other.example/x\r\nContent-Length: 0\r\n\r\n");
            }
            return ScriptedServer.Answer.of("HTTP/1.1 303 See Other\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n");
        })) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1).withRedirects(2), new Stats(),
                    new ReplayFixtures.LinesLog());
            out.write(request(id(1), "POST /start HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"));
            out.write(request(id(2), "GET /elsewhere HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();
            List<Message> replies = drain(out.replies());

            assertThat(server.received()).extracting(ScriptedServer.Received::text).containsExactly(
                    "POST /start HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Length: 3\r\n\r\nabc",
                    "GET /final HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n",
                    "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n");
            assertThat(replies).extracting(m -> text(m.payload()).substring(0, 12))
                    .containsExactly("HTTP/1.1 200", "HTTP/1.1 302");
            assertThat(out.stats().redirectsFollowed()).isEqualTo(1);
        }
    }

    @Test
    void trackedRepliesCarryTheRequestIdAPlausibleLatencyAndStartTime() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = new ScriptedServer((r, i, s) -> ScriptedServer.Answer.of(ok).delayed(50))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1), new Stats(), new ReplayFixtures.LinesLog());
            long before = System.currentTimeMillis() * 1_000_000L;
            out.write(request("0123456789abcdef01234567", "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            out.close();
            long after = (System.currentTimeMillis() + 1) * 1_000_000L; // the clock's millisecond, rounded up
            Message reply = drain(out.replies()).getFirst();

            assertThat(reply.id()).isEqualTo("0123456789abcdef01234567");
            assertThat(reply.latencyNs()).isBetween(45_000_000L, 2_000_000_000L);
            assertThat(reply.timestampNs()).isBetween(before + 45_000_000L, after);
            assertThat(out.stats().latencyMicrosAt(50)).isGreaterThanOrEqualTo(45_000);
        }
    }

    @Test
    void aTargetThatNeverAnswersCostsOneTimeoutPerRequestAndCloseIsBounded() throws Exception {
        try (ScriptedServer server = new ScriptedServer((r, i, s) ->
                ScriptedServer.Answer.of("").then(ScriptedServer.After.HANG))) {
            HttpReplayOutput out = new HttpReplayOutput(config(server.uri(), 1).withWorkers(1, 0).withQueueLen(100)
                    .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1)), new Stats(), new ReplayFixtures.LinesLog());
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                out.write(request(id(i), "GET /" + i + " HTTP/1.1\r\nHost: h\r\n\r\n"));
            }
            out.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(out.stats().errors(Reason.TIMEOUT)).isEqualTo(200);
            assertThat(out.stats().workers()).isZero();
            assertThat(tookMs).isLessThan(5_000);
            assertThat(drain(out.replies())).isEmpty();
        }
    }
}
