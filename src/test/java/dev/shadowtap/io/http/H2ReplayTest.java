package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Stats;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.shadowtap.io.http.ReplayFixtures.bytes;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/2 records replayed over HTTP/2 to a real Jetty HTTP/2 server that records every stream. */
class H2ReplayTest {
    /** A request record as the capture writes it (docs/HTTP2.md): a body with trailers is one chunk. */
    static Message record(int n, String path, String body, boolean trailers) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/2.0\r\nHost: prod.example:8080\r\n"
                + "content-type: application/grpc\r\nx-order-b: " + n + "\r\nx-order-a: first\r\nte: trailers\r\n");
        String tokens = "h2 stream=" + (2 * n + 1) + " pseudo=method,scheme,path,authority scheme=http";
        String payload;
        if (trailers) {
            payload = head + "Transfer-Encoding: chunked\r\n\r\n" + (body.isEmpty() ? "" : Integer.toHexString(body.length())
                    + "\r\n" + body + "\r\n") + "0\r\nx-checksum: c" + n + "\r\n\r\n";
            tokens += " framing=chunked";
        } else {
            payload = head + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            tokens += " framing=length";
        }
        return new Message(MessageType.REQUEST, id(n), System.currentTimeMillis() * 1_000_000L, Message.NO_LATENCY,
                bytes(payload)).withExtra(tokens);
    }

    private static HttpReplayOutput output(URI target, boolean skipVerify) {
        return new HttpReplayOutput(HttpReplayConfig.defaults(target).withTimeouts(java.time.Duration.ofSeconds(3),
                        java.time.Duration.ofMillis(500)).withTrackResponse(true).withSkipVerify(skipVerify),
                new Stats(), new ReplayFixtures.LinesLog());
    }

    @Test
    void manyStreamsOnFewConnectionsArriveWithTheirHeadersInOrderBodiesAndTrailers() throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(null, 50, r -> false)) {
            HttpReplayOutput out = output(URI.create("http://127.0.0.1:" + server.port()), false);
            int n = 300;
            for (int i = 0; i < n; i++) {
                out.write(record(i, "/pkg.Svc/Call" + i, "body-" + i, i % 3 == 0));
            }
            out.close();
            List<Message> replies = ReplayFixtures.drain(out.replies());

            assertThat(server.received).hasSize(n);
            Map<String, H2RecordingServer.Received> byPath = server.received.stream()
                    .collect(Collectors.toMap(H2RecordingServer.Received::path, r -> r));
            for (int i = 0; i < n; i++) {
                H2RecordingServer.Received r = byPath.get("/pkg.Svc/Call" + i);
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.authority()).isEqualTo("127.0.0.1:" + server.port());
                // the recorded fields in their order; neither the Host line nor the framing the capture added
                assertThat(r.fieldNames()).containsExactly("content-type", "x-order-b", "x-order-a", "te");
                assertThat(r.field("x-order-b")).isEqualTo(Integer.toString(i));
                assertThat(text(r.body())).isEqualTo("body-" + i);
                if (i % 3 == 0) {
                    assertThat(r.trailers()).hasSize(1);
                    assertThat(r.trailers().getFirst()).containsExactly("x-checksum", "c" + i);
                } else {
                    assertThat(r.trailers()).isEmpty();
                }
            }
            Set<Integer> connections = server.received.stream().map(H2RecordingServer.Received::clientPort)
                    .collect(Collectors.toSet());
            assertThat(connections).hasSizeBetween(1, H2Workers.DEFAULT_SESSIONS);
            // a stream the server refused (its count of open streams may lag the replay's) went again, counted
            assertThat(out.stats().sentCount()).isEqualTo(n + out.stats().refusedRetries());
            assertThat(out.stats().refusedRetries()).isLessThan(n / 10);
            assertThat(out.stats().responses(2)).isEqualTo(n);
            assertThat(out.stats().stage().droppedTotal()).isZero();
            assertThat(replies).hasSize(n);
        }
    }

    @Test
    void streamsRefusedPastALimitTheServerNeverAdvertisedGoAgainAndAllArrive() throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(null, 20, false, 50, r -> false)) {
            HttpReplayOutput out = output(URI.create("http://127.0.0.1:" + server.port()), false);
            int n = 200;
            for (int i = 0; i < n; i++) {
                // HEADERS alone: a DATA or trailing HEADERS frame that crosses the server's RST_STREAM on the
                // wire is a connection error to Jetty's server, which then ends the streams it had taken
                out.write(record(i, "/pkg.Svc/Refused" + i, "", false));
            }
            out.close();
            List<Message> replies = ReplayFixtures.drain(out.replies());

            // the replay opens up to 100 streams a connection until told otherwise; the server refuses those
            // past 20 (REFUSED_STREAM: not processed), and each of them is sent again, never twice processed
            assertThat(server.received.stream().map(H2RecordingServer.Received::path).distinct()).hasSize(n);
            assertThat(server.received).hasSize(n);
            assertThat(out.stats().refusedRetries()).isPositive();
            assertThat(out.stats().sentCount()).isEqualTo(n + out.stats().refusedRetries());
            assertThat(out.stats().responses(2)).isEqualTo(n);
            assertThat(out.stats().stage().droppedTotal()).isZero();
            assertThat(replies).hasSize(n);
            assertThat(out.stats().summaryLines().getFirst()).contains("resent after the target refused the stream "
                    + out.stats().refusedRetries());
        }
    }

    @Test
    void aTargetThatDoesNotSpeakHttp2FailsEveryRequestByThatReasonWithoutAConnectionEach() throws Exception {
        // an HTTP/1-only server, as python's http.server answers the HTTP/2 preface: a 505 and a close
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket http1 = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!http1.isClosed()) {
                    try (java.net.Socket s = http1.accept()) {
                        connections.incrementAndGet();
                        s.getInputStream().read(new byte[64]);
                        s.getOutputStream().write("HTTP/1.0 505 HTTP Version Not Supported\r\n\r\n".getBytes());
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            });
            ReplayFixtures.LinesLog log = new ReplayFixtures.LinesLog();
            HttpReplayOutput out = new HttpReplayOutput(HttpReplayConfig.defaults(URI.create("http://127.0.0.1:"
                    + http1.getLocalPort())).withTimeouts(java.time.Duration.ofSeconds(3), java.time.Duration.ofMillis(500)),
                    new Stats(), log);
            int n = 50;
            for (int i = 0; i < n; i++) {
                out.write(record(i, "/pkg.Svc/Call" + i, "body-" + i, false));
            }
            out.close();

            assertThat(out.stats().errors(Reason.NOT_HTTP2)).isEqualTo(n);
            assertThat(out.stats().stage().droppedTotal()).isEqualTo(n);
            assertThat(connections.get()).as("connections opened for %d requests", n).isLessThanOrEqualTo(3);
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("not-http2")
                    .contains("does not speak HTTP/2 with prior knowledge"));
        }
    }

    @Test
    void trackedRepliesAreH2RecordsWithTheRequestsIdsAndTrailers() throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(null, 100, r -> false)) {
            HttpReplayOutput out = output(URI.create("http://127.0.0.1:" + server.port()), false);
            for (int i = 0; i < 20; i++) {
                out.write(record(i, "/r" + i, "x".repeat(i), i % 2 == 0));
            }
            out.close();
            List<Message> replies = ReplayFixtures.drain(out.replies());
            assertThat(replies).hasSize(20);
            Map<String, Message> byId = new HashMap<>();
            replies.forEach(m -> byId.put(m.id(), m));
            for (int i = 0; i < 20; i++) {
                Message reply = byId.get(id(i));
                assertThat(reply.type()).isEqualTo(MessageType.REPLAYED);
                assertThat(reply.extra()).startsWith("h2 stream=").contains("pseudo=status");
                HttpHead head = HttpHead.parse(reply.payload());
                assertThat(head.startLine()).isEqualTo("HTTP/2.0 200 OK");
                assertThat(head.headers().getFirst().name()).isEqualTo("content-type");
                assertThat(head.header("x-path")).contains("/r" + i);
                String whole = text(reply.payload());
                String said = "got " + i + " bytes for /r" + i;
                if (i % 2 == 0) {
                    assertThat(reply.extra()).contains("framing=chunked");
                    assertThat(whole).endsWith(Integer.toHexString(said.length()) + "\r\n" + said + "\r\n0\r\nx-trailer: done\r\n\r\n");
                } else {
                    assertThat(whole).endsWith("\r\n\r\n" + said);
                }
            }
        }
    }

    @Test
    void streamsTheTargetResetsAreCountedByReasonAndTheOthersAnswered() throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(null, 100, r -> r.path().startsWith("/refuse"))) {
            HttpReplayOutput out = output(URI.create("http://127.0.0.1:" + server.port()), false);
            for (int i = 0; i < 30; i++) {
                out.write(record(i, (i % 3 == 0 ? "/refuse" : "/ok") + i, "b", false));
            }
            out.close();
            assertThat(out.stats().errors(Reason.STREAM_RESET)).isEqualTo(10);
            assertThat(out.stats().responses(2)).isEqualTo(20);
            assertThat(out.summaryLines()).anyMatch(l -> l.endsWith("stream-reset 10"));
        }
    }

    @Test
    void aRefusedConnectionCountsEveryRequest() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpReplayOutput out = output(URI.create("http://127.0.0.1:" + port), false);
        for (int i = 0; i < 5; i++) {
            out.write(record(i, "/x" + i, "b", false));
        }
        out.close();
        assertThat(out.stats().errors(Reason.CONNECT_REFUSED)).isEqualTo(5);
        assertThat(out.stats().responsesTotal()).isZero();
    }

    @Test
    void httpsTargetsNegotiateH2ByAlpn(@TempDir Path dir) throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(SelfSignedTls.serverContext(dir), 100, r -> false)) {
            HttpReplayOutput out = output(URI.create("https://localhost:" + server.port()), true);
            for (int i = 0; i < 10; i++) {
                out.write(record(i, "/tls" + i, "secret-" + i, i == 0));
            }
            out.close();
            assertThat(server.alpn).containsExactly("h2");
            assertThat(server.received).hasSize(10);
            assertThat(server.received).allSatisfy(r -> assertThat(r.authority()).isEqualTo("localhost:" + server.port()));
            assertThat(out.stats().responses(2)).isEqualTo(10);
        }
    }

    @Test
    void anUntrustedCertificateIsATlsError(@TempDir Path dir) throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(SelfSignedTls.serverContext(dir), 100, r -> false)) {
            HttpReplayOutput out = output(URI.create("https://localhost:" + server.port()), false);
            out.write(record(1, "/t", "b", false));
            out.close();
            assertThat(out.stats().errors(Reason.TLS_ERROR)).isEqualTo(1);
            assertThat(server.received).isEmpty();
        }
    }

    @Test
    void aContentLengthTheClientSentIsKeptAndHttp1RecordsStillGoAsHttp1() throws Exception {
        try (H2RecordingServer server = new H2RecordingServer(null, 100, r -> false)) {
            HttpReplayOutput out = output(URI.create("http://127.0.0.1:" + server.port()), false);
            out.write(new Message(MessageType.REQUEST, id(1), 1, Message.NO_LATENCY,
                    bytes("PUT /k HTTP/2.0\r\nHost: a\r\ncontent-length: 3\r\nx-b: 1\r\n\r\nabc"))
                    .withExtra("h2 stream=1 pseudo=method,path,scheme,authority"));
            out.close();
            H2RecordingServer.Received r = server.received.peek();
            assertThat(r.fieldNames()).containsExactly("content-length", "x-b");
            assertThat(text(r.body())).isEqualTo("abc");
        }
    }
}
