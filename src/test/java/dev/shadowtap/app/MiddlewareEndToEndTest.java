package dev.shadowtap.app;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code --middleware} through the real command line, with real programs (python3). */
@Timeout(60)
class MiddlewareEndToEndTest {
    private static final String ECHO = "python3 examples/middleware/echo.py";

    @TempDir
    Path dir;

    @BeforeEach
    void needsPython() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !d.isEmpty() && Files.isExecutable(Path.of(d, "python3"));
        }
        assumeTrue(found, "python3 is not on the PATH: middleware end-to-end tests not run");
    }

    @Test
    void aRecordingThroughAnEchoingMiddlewareIsWrittenBackByteForByte() throws IOException {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(300, 1, 21));
        Path out = dir.resolve("out.gor");

        Run run = Run.of("--input-file", in + "|100000%", "--middleware", ECHO, "--output-file", out.toString(),
                "--output-file-append", "--stats");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.mismatch(in, out)).isEqualTo(-1);
        assertThat(run.err()).contains("summary middleware: 300 msgs", "summary middleware-returned: 300 msgs",
                "summary: 0 messages dropped in all");
    }

    @Test
    void goReplaysThreeAndFourFieldHeadersPassAMiddlewareAndAreWrittenBackByteForByte() throws IOException {
        // written by hand as GoReplay writes them: 1.3's raw input (first-to-last packet), its dummy
        // input (-1), a file from before 1.0 (three fields), shadowtap's own
        String sep = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n";
        String get = "GET / HTTP/1.1\r\nHost: www.w3.org\r\n\r\n";
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        String file = "1 0a0b0c0d0e0f101112131415 1795000000000000000 0\n" + get + sep
                + "2 0a0b0c0d0e0f101112131415 1795000000003000000 120000\n" + ok + sep
                + "1 a1a2a3a4a5a6a7a8a9b0b1b2 1795000000010000000 -1\n" + get + sep
                + "2 a1a2a3a4a5a6a7a8a9b0b1b2 1795000000010000001 1\n" + ok + sep
                + "1 f45590522cd1838b4a0d5c5aab80b77929dea3b3 1795000000020000000\n" + get + sep;
        Path in = Files.writeString(dir.resolve("gor.gor"), file, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.gor");

        Run run = Run.of("--input-file", in + "|100000%", "--middleware", ECHO, "--output-file", out.toString(),
                "--output-file-append");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(file);
    }

    @Test
    void inputDummyRecordsCarryFourFieldsThatAMiddlewareParsesAsGoReplaysDo() throws IOException {
        // a middleware that needs every record's four fields as numbers, as one written for GoReplay 1.3 may
        Path strict = Files.writeString(dir.resolve("strict.py"), String.join("\n",
                "import binascii, sys",
                "for line in sys.stdin.buffer:",
                "    record = binascii.unhexlify(line.strip())",
                "    kind, rid, ts, latency = record.split(b'\\n', 1)[0].split(b' ')",
                "    int(ts), int(latency), int(rid, 16)",
                "    sys.stdout.buffer.write(line)",
                "    sys.stdout.buffer.flush()", ""));
        Path out = dir.resolve("dummy.gor");

        Run run = Run.of("--input-dummy", "x", "--middleware", "python3 " + strict, "--output-file", out.toString(),
                "--output-file-append", "--exit-after", "2500ms");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("Error", "[middleware]");
        List<Message> records = Gor.read(out);
        assertThat(records.size()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i + 1 < records.size(); i += 2) {
            Message request = records.get(i);
            Message response = records.get(i + 1);
            assertThat(request.header()).isEqualTo("1 " + request.id() + " " + request.timestampNs() + " -1");
            assertThat(response.header()).isEqualTo("2 " + request.id() + " " + (request.timestampNs() + 1) + " 1");
            assertThat(new String(response.payload(), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    }

    @Test
    void whatTheMiddlewareDoesNotEchoGoesNoFurtherAndIsNoLoss() throws IOException {
        List<Message> records = Gor.records(200, 1, 22);
        Path in = Gor.write(dir.resolve("in.gor"), records);
        Path out = dir.resolve("out.gor");

        Run run = Run.of("--input-file", in + "|100000%", "--middleware",
                "python3 src/test/resources/middleware/drop_every_other.py", "--output-file", out.toString(),
                "--output-file-append", "--stats");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Gor.read(out)).containsExactlyElementsOf(
                IntStream.range(0, 200).filter(i -> i % 2 == 0).mapToObj(records::get).toList());
        assertThat(run.err()).contains("summary middleware: 200 msgs", "summary middleware-returned: 100 msgs",
                "summary: 0 messages dropped in all");
    }

    @Test
    void theTokenExampleRewritesLaterRequestsWithTheTokenTheTargetGave() throws IOException {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.put(path, exchange.getRequestURI().getRawQuery() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (path.equals("/login") ? "{\"token\": \"xyz-replayed\"}" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String login = "%024x".formatted(1);
            long t0 = 1_795_000_000_000_000_000L;
            // The later requests come 6 s after the login, time enough for the replayed login's reply to go
            // through the middleware even when the interpreter is slow to start on a loaded machine.
            List<Message> records = List.of(
                    new Message(MessageType.REQUEST, login, t0, Message.NO_LATENCY,
                            "POST /login HTTP/1.1\r\nHost: prod\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    new Message(MessageType.RESPONSE, login, t0 + 1_000_000, 1_000_000,
                            "HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"token\":\"abc\"}".getBytes(StandardCharsets.US_ASCII)),
                    new Message(MessageType.REQUEST, "%024x".formatted(2), t0 + 6_000_000_000L, Message.NO_LATENCY,
                            "GET /data HTTP/1.1\r\nHost: prod\r\nAuthorization: Bearer abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    new Message(MessageType.REQUEST, "%024x".formatted(3), t0 + 6_010_000_000L, Message.NO_LATENCY,
                            "GET /search?token=abc&q=1 HTTP/1.1\r\nHost: prod\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            Path in = Gor.write(dir.resolve("in.gor"), records);
            Path out = dir.resolve("out.gor");

            Run run = Run.of("--input-file", in.toString(), "--middleware", "python3 examples/middleware/token_rewrite.py",
                    "--output-http", "http://127.0.0.1:" + server.getAddress().getPort(), "--output-http-track-response",
                    "--output-file", out.toString(), "--output-file-append");

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.err()).contains("[middleware] token abc -> xyz-replayed");
            assertThat(seen).containsEntry("/data", "null Bearer xyz-replayed")
                    .containsEntry("/search", "token=xyz-replayed&q=1 null");
            List<Message> written = Gor.read(out);
            assertThat(written.stream().filter(m -> m.type() == MessageType.REPLAYED)).hasSize(3);
            assertThat(written.stream().filter(Message::isRequest).map(m -> new String(m.payload(), StandardCharsets.US_ASCII)))
                    .anyMatch(p -> p.contains("Authorization: Bearer xyz-replayed"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMiddlewareThatCannotBeStartedIsOneLineAndStatusOne() throws IOException {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(2, 0, 1));

        Run run = Run.of("--input-file", in.toString(), "--middleware", "./no/such/middleware --x", "--output-null");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("shadowtap: --middleware `./no/such/middleware --x`: cannot start: No such file or directory");
    }

    @Test
    void aMiddlewareThatExitsStopsTheRunWithOneLineAndStatusOne() throws IOException {
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(20, 300, 2));
        Path out = dir.resolve("out.gor");
        String cmd = "python3 src/test/resources/middleware/exit_after.py 2 3";

        Run run = Run.of("--input-file", in.toString(), "--middleware", cmd, "--output-file", out.toString(),
                "--output-file-append");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).containsPattern("shadowtap: middleware `" + java.util.regex.Pattern.quote(cmd)
                + "` exited with status 3 after being sent \\d+ messages \\(2 returned\\); pipeline stopped");
        assertThat(run.err()).doesNotContain("Exception").contains("[middleware] leaving after 2");
        assertThat(run.millis()).isLessThan(6000);
        assertThat(Gor.read(out)).hasSize(2);
    }
}
