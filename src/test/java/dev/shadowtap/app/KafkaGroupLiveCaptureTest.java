package dev.shadowtap.app;

import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.Http1Framer;
import dev.shadowtap.io.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live: traffic to a real HTTP server on loopback is captured ({@code --input-raw}) into a Kafka topic
 * ({@code --output-kafka-*}) and replayed by a group of two replayers to a second real server: every
 * request arrives, once. Needs root or CAP_NET_RAW; skipped otherwise.
 */
@ExtendWith(KafkaBroker.class)
class KafkaGroupLiveCaptureTest {
    private static final int CONNECTIONS = 16;
    private static final int REQUESTS = 12;

    @TempDir
    Path dir;

    @Test
    void liveCaptureThroughKafkaToAGroupOfReplayersDeliversEveryRequest() throws Exception {
        CaptureRights.assumeCanCapture();
        String topic = KafkaBroker.newTopic(4);
        try (RequestLog production = new RequestLog(); RequestLog staging = new RequestLog();
             Receiver capture = Receiver.start(dir.resolve("capture.err"), List.of("--input-raw", "127.0.0.1:" + port(production),
                     "--output-kafka-host", KafkaBroker.bootstrap(), "--output-kafka-topic", topic, "--stats", "--verbose"));
             Receiver a = replayer("a", topic, staging);
             Receiver b = replayer("b", topic, staging);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            capture.awaitErr("capturing");
            a.awaitErr("assigned");
            b.awaitErr("assigned");
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int conn = c;
                sent.add(clients.submit(() -> keepAlive(port(production), conn)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            assertThat(production.seen()).hasSize(CONNECTIONS * REQUESTS);
            int expected = CONNECTIONS * REQUESTS;
            List<RequestLog.Seen> seen = staging.await(60, s -> RequestLog.counts(s).size() >= expected);
            Thread.sleep(500);
            seen = staging.seen();

            Set<String> want = new HashSet<>();
            production.seen().forEach(s -> want.add(s.method() + " " + s.path() + " " + s.body()));
            Set<String> got = new HashSet<>();
            seen.forEach(s -> got.add(s.method() + " " + s.path() + " " + s.body()));
            assertThat(got).as("100% delivered; capture said:\n" + capture.err()).isEqualTo(want);
            assertThat(seen).as("each once").hasSize(expected);
            assertThat(a.stop()).as(a.err()).isEqualTo(143);
            assertThat(b.stop()).as(b.err()).isEqualTo(143);
            assertThat(a.err() + b.err()).contains("summary: 0 messages dropped in all");
            assertThat(capture.stop()).as(capture.err()).isEqualTo(143);
            assertThat(capture.err()).contains("summary: 0 messages dropped in all");
        }
    }

    private Receiver replayer(String name, String topic, RequestLog target) throws IOException {
        return Receiver.start(dir.resolve(name + ".err"), List.of("--input-kafka-host", KafkaBroker.bootstrap(),
                "--input-kafka-topic", topic, "--input-kafka-group", "live", "--input-kafka-offset", "-2|1000%",
                "--output-http", target.url(), "--recognize-tcp-sessions", "--http-set-header", "X-Replayer: " + name,
                "--stats"));
    }

    private static int port(RequestLog server) {
        return URI.create(server.url()).getPort();
    }

    /** One client connection, keep-alive: GETs and POSTs one after another, each answer read before the next. */
    private static Void keepAlive(int port, int conn) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < REQUESTS; i++) {
                String path = "/c" + conn + "/r" + i;
                String body = "{\"c\":" + conn + ",\"i\":" + i + "}";
                String method = i % 2 == 0 ? "GET" : "POST";
                String request = method.equals("GET") ? Exchanges.get(path) : Exchanges.post(path, body);
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                readResponse(in, method);
            }
        }
        return null;
    }

    private static void readResponse(InputStream in, String method) throws IOException {
        Http1Framer framer = Http1Framer.forResponses(FramingLimits.DEFAULT);
        framer.expectResponseTo(method);
        List<FramedMessage> framed = new ArrayList<>();
        byte[] one = new byte[1];
        while (framed.isEmpty()) { // a byte at a time: nothing of the next response is read ahead
            if (in.read(one) < 0) {
                throw new IOException("the server closed the connection");
            }
            framer.feed(one, 0, 1, r -> {
                if (r instanceof FramedMessage m && !m.interim()) {
                    framed.add(m);
                }
            });
        }
        assertThat(new String(framed.getFirst().raw(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
    }
}
