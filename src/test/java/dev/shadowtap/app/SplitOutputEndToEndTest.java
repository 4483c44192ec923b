package dev.shadowtap.app;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --split-output} through the real command line on a file recorded with responses: requests
 * are dealt round robin over the outputs and each response goes where its request went, so two
 * outputs get half the requests each, each with its responses (GoReplay deals per message: one
 * output got every request, the other every response).
 */
class SplitOutputEndToEndTest {
    private static final int CONNECTIONS = 3;

    @TempDir
    Path dir;
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** One recorded exchange's messages, with the number of the exchange they belong to. */
    private record Recorded(Message message, int exchange) {
    }

    private static String id(int connection) {
        return String.format("%024x", 0xABC000L + connection);
    }

    /**
     * {@code exchanges} exchanges on {@link #CONNECTIONS} keep-alive connections (GoReplay: one id per
     * connection), as --input-raw-track-response and --output-http-track-response record them: the
     * request, every fifth one's 100 Continue, its response and its replayed response. A connection's
     * next request goes out before the previous replayed response is written (pipelined). Timestamps
     * follow the file's order, as the file input replays by time.
     */
    private static List<Recorded> recording(int exchanges) {
        List<Recorded> out = new ArrayList<>();
        List<List<Integer>> late = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            late.add(new ArrayList<>());
        }
        for (int n = 0; n < exchanges; n++) {
            int c = n % CONNECTIONS;
            String id = id(c);
            String body = "n=" + n;
            out.add(new Recorded(new Message(MessageType.REQUEST, id, time(out), Message.NO_LATENCY,
                    ("POST /orders/" + n + " HTTP/1.1\r\nHost: shop.example\r\nContent-Length: " + body.length()
                            + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)), n));
            for (int previous : late.get(c)) { // the connection's previous replayed response, written late
                out.add(new Recorded(response(MessageType.REPLAYED, id, time(out), 201, previous), previous));
            }
            late.get(c).clear();
            if (n % 5 == 0) {
                out.add(new Recorded(response(MessageType.RESPONSE, id, time(out), 100, n), n));
            }
            out.add(new Recorded(response(MessageType.RESPONSE, id, time(out), 200, n), n));
            late.get(c).add(n);
        }
        for (int c = 0; c < CONNECTIONS; c++) {
            for (int previous : late.get(c)) {
                out.add(new Recorded(response(MessageType.REPLAYED, id(c), time(out), 201, previous), previous));
            }
        }
        return out;
    }

    private static long time(List<Recorded> sofar) {
        return 1_795_000_000_000_000_000L + sofar.size() * 100_000L;
    }

    private static Message response(MessageType type, String id, long ts, int status, int exchange) {
        String head = status == 100 ? "HTTP/1.1 100 Continue\r\n\r\n"
                : "HTTP/1.1 " + status + " OK\r\nX-Order: " + exchange + "\r\nContent-Length: 2\r\n\r\nok";
        return new Message(type, id, ts, 500_000, head.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<Message> messages(List<Recorded> recorded) {
        return recorded.stream().map(Recorded::message).toList();
    }

    @Test
    void twoOutputFilesGetHalfTheRequestsEachWithTheirWholeExchanges() throws IOException {
        List<Recorded> recording = recording(20);
        Path in = Gor.write(dir.resolve("tracked.gor"), messages(recording));
        Path a = dir.resolve("s_a.gor");
        Path b = dir.resolve("s_b.gor");

        Run run = Run.of("--input-file", in + "|10000%", "--output-file", a.toString(), "--output-file-append",
                "--output-file", b.toString(), "--split-output", "--stats");

        assertThat(run.status()).as(run.err()).isZero();
        // The n-th request of the file goes to output n % 2; every message of exchange n goes with it,
        // in the file's order: request, 100 Continue, response, replayed response.
        assertThat(Gor.read(a)).containsExactlyElementsOf(
                messages(recording.stream().filter(r -> r.exchange() % 2 == 0).toList()));
        assertThat(Gor.read(b)).containsExactlyElementsOf(
                messages(recording.stream().filter(r -> r.exchange() % 2 == 1).toList()));
        assertThat(Gor.read(a).stream().filter(Message::isRequest)).hasSize(10);
        assertThat(Gor.read(b).stream().filter(Message::isRequest)).hasSize(10);
        assertThat(run.err()).contains("summary: 0 messages dropped in all");
    }

    @Test
    void twoHttpTargetsGetHalfTheRequestsEachAndTheSummarySaysWhatWasSkipped() throws IOException {
        Set<String> atA = ConcurrentHashMap.newKeySet();
        Set<String> atB = ConcurrentHashMap.newKeySet();
        HttpServer serverA = server(atA);
        HttpServer serverB = server(atB);
        // request, response, request, response ... : the file QA split
        List<Message> records = new ArrayList<>();
        for (Recorded r : recording(10)) {
            String status = new String(r.message().payload(), 0, 12, StandardCharsets.US_ASCII);
            if (r.message().isRequest() || r.message().type() == MessageType.RESPONSE && !status.endsWith(" 100")) {
                records.add(r.message());
            }
        }
        Path in = Gor.write(dir.resolve("r10.gor"), records);
        String targetA = "127.0.0.1:" + serverA.getAddress().getPort();
        String targetB = "127.0.0.1:" + serverB.getAddress().getPort();

        Run run = Run.of("--input-file", in + "|10000%", "--output-http", "http://" + targetA,
                "--output-http", "http://" + targetB, "--split-output", "--stats");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(atA).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 5).mapToObj(i -> "/orders/" + 2 * i + " n=" + 2 * i).toList());
        assertThat(atB).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 5).mapToObj(i -> "/orders/" + (2 * i + 1) + " n=" + (2 * i + 1)).toList());
        // each target was handed its 5 requests and their 5 recorded responses; the responses, not sent,
        // are shown as skipped rather than passing for replayed messages
        for (String target : List.of(targetA, targetB)) {
            assertThat(run.err()).contains("output-http " + target + ": sent 5, responses 5");
            assertThat(run.err().lines().filter(l -> l.startsWith("summary output-http " + target + ":")).toList())
                    .singleElement().asString()
                    .contains(": 10 msgs ").endsWith("dropped 0 skipped 5 (not-a-request 5)");
        }
    }

    private HttpServer server(Set<String> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }
}
