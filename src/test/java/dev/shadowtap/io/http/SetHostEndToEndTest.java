package dev.shadowtap.io.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.shadowtap.Main;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --http-set-header 'Host: ...'} through the real command line: the target sees exactly the set
 * Host, as GoReplay keeps a Host set that way (it switches its output to {@code --http-original-host}),
 * on the plain and the https engine; {@code --http-rewrite-header Host} does not, as in GoReplay.
 */
@Timeout(60)
class SetHostEndToEndTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    Path dir;

    private record Result(int status, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    /** A recording of requests: with a Host, with none, and one in absolute form as a proxy sends it. */
    private Path recording() throws IOException {
        List<String> requests = List.of(
                "GET /a HTTP/1.1\r\nHost: prod.example\r\nX-N: 1\r\n\r\n",
                "POST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi",
                "GET http://prod.example/abs?q=1 HTTP/1.1\r\nHost: prod.example\r\n\r\n");
        Path file = dir.resolve("in.gor");
        try (OutputStream out = Files.newOutputStream(file)) {
            GorWriter writer = GorWriter.file(out);
            for (int i = 0; i < requests.size(); i++) {
                writer.write(new Message(MessageType.REQUEST, "%024x".formatted(i + 1), 1_795_000_000_000_000_000L + i,
                        0, requests.get(i).getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return file;
    }

    private static List<String> received(ScriptedServer server) {
        List<String> texts = new ArrayList<>();
        for (ScriptedServer.Received r : server.received()) {
            texts.add(r.text());
        }
        texts.sort(null);
        return texts;
    }

    @ParameterizedTest(name = "--http-set-header ''{0}''")
    @ValueSource(strings = {"Host: staging.example", "host: staging.example", "HOST:staging.example"})
    void theTargetSeesExactlyTheSetHostInAnyCaseOfTheName(String setHeader) throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Result r = run("--input-file", recording() + "|10000%", "--output-http", server.uri().toString(),
                    "--http-set-header", setHeader);

            assertThat(r.status()).as(r.err()).isZero();
            String added = setHeader.substring(0, 4) + ": staging.example\r\n";
            assertThat(received(server)).containsExactly(
                    "GET /a HTTP/1.1\r\nHost: staging.example\r\nX-N: 1\r\n\r\n",
                    "GET http://staging.example/abs?q=1 HTTP/1.1\r\nHost: staging.example\r\n\r\n",
                    "POST /b HTTP/1.1\r\n" + added + "Content-Length: 2\r\n\r\nhi");
        }
    }

    @Test
    void withoutASetHostTheTargetSeesItsOwnAddress() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Result r = run("--input-file", recording() + "|10000%", "--output-http", server.uri().toString(),
                    "--http-set-header", "X-Env: staging");

            assertThat(r.status()).as(r.err()).isZero();
            String host = "127.0.0.1:" + server.port();
            assertThat(received(server)).containsExactly(
                    "GET /a HTTP/1.1\r\nX-Env: staging\r\nHost: " + host + "\r\nX-N: 1\r\n\r\n",
                    "GET http://" + host + "/abs?q=1 HTTP/1.1\r\nX-Env: staging\r\nHost: " + host + "\r\n\r\n",
                    "POST /b HTTP/1.1\r\nX-Env: staging\r\nContent-Length: 2\r\nHost: " + host + "\r\n\r\nhi");
        }
    }

    @Test
    void overHttpsTheTargetSeesTheSetHostToo() throws Exception {
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.serverContext(dir)));
        server.createContext("/", exchange -> {
            hosts.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().get("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Result r = run("--input-file", recording() + "|10000%", "--output-http",
                    "https://localhost:" + server.getAddress().getPort(), "--output-http-skip-verify",
                    "--http-set-header", "host: staging.example");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(hosts).containsExactlyInAnyOrder("/a [staging.example]", "/b [staging.example]",
                    "/abs [staging.example]");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRewrittenHostIsReplacedByTheTargetsAsInGoReplayAndSaysSoUnlessOriginalHostIsGiven() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Result r = run("--input-file", recording() + "|10000%", "--output-http", server.uri().toString(),
                    "--http-rewrite-header", "Host: prod\\.example,staging.example");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("--http-rewrite-header Host", "--http-original-host");
            assertThat(received(server).getFirst()).isEqualTo(
                    "GET /a HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nX-N: 1\r\n\r\n");
        }
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Result r = run("--input-file", recording() + "|10000%", "--output-http", server.uri().toString(),
                    "--http-rewrite-header", "Host: prod\\.example,staging.example", "--http-original-host");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain("--http-rewrite-header");
            assertThat(received(server).getFirst()).isEqualTo("GET /a HTTP/1.1\r\nHost: staging.example\r\nX-N: 1\r\n\r\n");
        }
    }
}
