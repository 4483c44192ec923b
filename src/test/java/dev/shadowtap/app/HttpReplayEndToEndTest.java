package dev.shadowtap.app;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A recording replayed through the real command line to a real HTTP server, replies tracked into a file. */
class HttpReplayEndToEndTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, String> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            received.put(uri, exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestMethod()
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("seen " + uri).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(uri.contains("missing") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String target() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void everyRecordedRequestReachesTheTargetAndEachReplyCarriesItsRequestsId() throws IOException {
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = "n=" + i;
            String request = (i % 2 == 0 ? "GET /items/" + i : "POST /orders/" + i) + (i == 7 ? "/missing" : "")
                    + " HTTP/1.1\r\nHost: production.example\r\nX-I: " + i + "\r\n"
                    + (i % 2 == 0 ? "\r\n" : "Content-Length: " + body.length() + "\r\n\r\n" + body);
            records.add(new Message(MessageType.REQUEST, String.format("%024x", 1000 + i), 1_000_000L * i,
                    Message.NO_LATENCY, request.getBytes(StandardCharsets.US_ASCII)));
            records.add(new Message(MessageType.RESPONSE, String.format("%024x", 1000 + i), 1_000_000L * i + 5, 5,
                    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        Path in = Gor.write(dir.resolve("in.gor"), records);
        Path replies = dir.resolve("replies.gor");

        Run run = Run.of("--input-file", in + "|10000%", "--output-http", target(), "--output-http-track-response",
                "--output-file", replies.toString(), "--output-file-append", "--stats");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("have no output to go to");
        assertThat(received).hasSize(40);
        assertThat(received.get("/orders/3")).isEqualTo("127.0.0.1:" + server.getAddress().getPort() + " POST n=3");
        List<Message> written = Gor.read(replies);
        Map<MessageType, List<Message>> byType = written.stream().collect(Collectors.groupingBy(Message::type));
        assertThat(byType.get(MessageType.REQUEST)).hasSize(40);
        assertThat(byType.get(MessageType.RESPONSE)).hasSize(40);
        List<Message> replayed = byType.get(MessageType.REPLAYED);
        assertThat(replayed).hasSize(40).allSatisfy(m -> assertThat(m.hasLatency()).isTrue());
        Map<String, Message> replyById = replayed.stream().collect(Collectors.toMap(Message::id, Function.identity()));
        assertThat(new String(replyById.get(String.format("%024x", 1007)).payload(), StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 404").endsWith("seen /orders/7/missing");
        assertThat(new String(replyById.get(String.format("%024x", 1010)).payload(), StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 200").endsWith("seen /items/10");
    }

    @Test
    void trackedRepliesWithNoOutputToGoToAreNamedAtTheStartAndCounted() throws IOException {
        Path in = Gor.write(dir.resolve("few.gor"), Gor.records(5, 0, 5));

        Run run = Run.of("--input-file", in + "|10000%", "--output-http", target(), "--output-http-track-response");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("output-http-replies " + target().substring("http://".length())
                + ": the replayed responses have no output to go to").containsPattern("dropped (\\d+) \\(no-output \\1\\)");
    }

    @Test
    void exitAfterDoesNotWaitForASlowTargetToWorkThroughItsQueue() throws IOException {
        server.stop(0);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Path in = Gor.write(dir.resolve("many.gor"), Gor.records(400, 0, 5));
        Path replies = dir.resolve("replies.gor.gz");

        Run run = Run.of("--input-file", in + "|100000000%", "--output-http", target(), "--output-http-workers", "1",
                "--output-http-track-response", "--output-file", replies.toString(), "--output-file-append",
                "--exit-after", "1s", "--stats");

        assertThat(run.millis()).as(run.err()).isLessThan(8000);
        assertThat(run.err()).contains("unsent-at-close");
        // The file was closed properly: a complete gzip stream with the requests and replies read so far.
        assertThat(Gor.read(replies)).isNotEmpty();
    }

    @Test
    void aTargetThatIsNotHttpIsAOneLineUsageError() throws IOException {
        Path in = Gor.write(dir.resolve("f.gor"), Gor.records(2, 0, 8));

        Run run = Run.of("--input-file", in.toString(), "--output-http", "ftp://files.example");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("shadowtap: --output-http ftp://files.example: needs an http:// or https:// URL");
    }

    @Test
    void aTargetPortOutOfRangeOrNotANumberIsAOneLineUsageError() throws IOException {
        Path in = Gor.write(dir.resolve("f.gor"), Gor.records(2, 0, 8));
        for (String[] url : new String[][] {
                {"http://127.0.0.1:99999", "port 99999 is not from 1 to 65535"},
                {"http://127.0.0.1:0", "port 0 is not from 1 to 65535"},
                {"http://127.0.0.1:abc", "port 'abc' is not a number from 1 to 65535"},
                {"http://127.0.0.1:-5", "port '-5' is not a number from 1 to 65535"}}) {
            Run run = Run.of("--input-file", in.toString(), "--output-http", url[0]);

            assertThat(run.status()).as(url[0]).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("shadowtap: --output-http " + url[0] + ": " + url[1]);
        }
    }

    @Test
    void theOriginalHostIsKeptWhenAsked() throws IOException {
        Path in = Gor.write(dir.resolve("one.gor"), List.of(new Message(MessageType.REQUEST, "a".repeat(24), 1,
                Message.NO_LATENCY, "GET /x HTTP/1.1\r\nHost: production.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));

        Run run = Run.of("--input-file", in.toString(), "--output-http", target(), "--http-original-host");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(received.get("/x")).startsWith("production.example GET");
    }

    @Test
    void anUnreachableTargetIsCountedAndNamedButTheRunEnds() throws IOException {
        Path in = Gor.write(dir.resolve("u.gor"), Gor.records(6, 0, 3));
        server.stop(0);

        Run run = Run.of("--input-file", in + "|100000000%", "--output-http", target(), "--output-http-timeout", "1s");

        assertThat(run.status()).as("no request was answered: the run did not do its job").isEqualTo(1);
        assertThat(run.err()).contains("127.0.0.1:" + server.getAddress().getPort()).contains("connect-refused")
                .contains("output-http 127.0.0.1:" + server.getAddress().getPort() + ": no request was answered")
                .doesNotContain("Exception");
    }
}
