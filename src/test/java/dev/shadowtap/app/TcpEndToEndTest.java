package dev.shadowtap.app;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.io.tcp.TestPki;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes on loopback: a file read by one shadowtap, sent with --output-tcp to another's
 * --input-tcp, replayed with --output-http to a real HTTP server; plain, TLS and mutual TLS; a
 * receiver restarted mid-run; bad peers at the listener; the sender's bytes against GoReplay's form.
 */
class TcpEndToEndTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    enum Security { PLAIN, TLS, MUTUAL_TLS }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
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

    private static Message record(MessageType type, String id, long ts, String payload) {
        return new Message(type, id, ts, type == MessageType.REQUEST ? Message.NO_LATENCY : 1_000_000,
                payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A mixed recording and what the server must see of it, each line once. */
    private List<String> mixedRecording(Path file, int extra) throws IOException {
        long ts = 1_795_000_000_000_000_000L;
        String keepAlive = "aa".repeat(12);
        List<Message> records = new ArrayList<>(List.of(
                record(MessageType.REQUEST, keepAlive, ts++, "GET /ka/1 HTTP/1.1\r\nHost: shop\r\n\r\n"),
                record(MessageType.REQUEST, keepAlive, ts++, "GET /ka/2 HTTP/1.1\r\nHost: shop\r\n\r\n"),
                record(MessageType.REQUEST, keepAlive, ts++, "POST /ka/3 HTTP/1.1\r\nHost: shop\r\nContent-Length: 3\r\n\r\nabc"),
                record(MessageType.REQUEST, "bb".repeat(12), ts++,
                        "POST /post HTTP/1.1\r\nHost: shop\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello\nworld"),
                record(MessageType.RESPONSE, "bb".repeat(12), ts++, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
                record(MessageType.REPLAYED, "bb".repeat(12), ts++, "HTTP/1.1 500 Replayed\r\nContent-Length: 0\r\n\r\n"),
                record(MessageType.REQUEST, "cc".repeat(12), ts++, "POST /chunked HTTP/1.1\r\nHost: shop\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
                record(MessageType.REQUEST, "dd".repeat(12), ts++, "POST /continue HTTP/1.1\r\nHost: shop\r\n"
                        + "Expect: 100-continue\r\nContent-Length: 4\r\n\r\nbody")));
        List<String> expected = new ArrayList<>(List.of("GET /ka/1 ", "GET /ka/2 ", "POST /ka/3 abc",
                "POST /post hello\nworld", "POST /chunked hello world", "POST /continue body"));
        for (int i = 0; i < extra; i++) {
            records.add(record(MessageType.REQUEST, String.format("%024x", 0x1000 + i), ts++,
                    "PUT /items/" + i + " HTTP/1.1\r\nHost: shop\r\nContent-Length: " + String.valueOf(i).length()
                            + "\r\n\r\n" + i));
            expected.add("PUT /items/" + i + " " + i);
        }
        Gor.write(file, records);
        return expected;
    }

    private List<String> tlsReceiverFlags(Security security, TestPki.Authority ca) throws Exception {
        if (security == Security.PLAIN) {
            return List.of();
        }
        TestPki.Pair pair = TestPki.server(dir, ca, "receiver", TestPki.KeyForm.TRADITIONAL);
        List<String> flags = new ArrayList<>(List.of("--input-tcp-secure", "--input-tcp-certificate", pair.certificate().toString(),
                "--input-tcp-certificate-key", pair.key().toString()));
        if (security == Security.MUTUAL_TLS) {
            flags.addAll(List.of("--input-tcp-client-ca", ca.ca().toString()));
        }
        return flags;
    }

    private List<String> tlsSenderFlags(Security security, TestPki.Authority ca) throws Exception {
        if (security == Security.PLAIN) {
            return List.of();
        }
        List<String> flags = new ArrayList<>(List.of("--output-tcp-secure", "--output-tcp-ca", ca.ca().toString()));
        if (security == Security.MUTUAL_TLS) {
            TestPki.Pair client = TestPki.client(dir, ca, "sender");
            flags.addAll(List.of("--output-tcp-certificate", client.certificate().toString(),
                    "--output-tcp-certificate-key", client.key().toString()));
        }
        return flags;
    }

    private void awaitReceived(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    @ParameterizedTest
    @EnumSource(Security.class)
    void everyRequestOfAMixedRecordingCrossesOnceAndReachesTheServer(Security security) throws Exception {
        TestPki.Authority ca = TestPki.authority(dir, "ca");
        Path file = dir.resolve("mixed.gor");
        List<String> expected = mixedRecording(file, 200);
        int port = Receiver.freePort();
        try (Receiver receiver = Receiver.listening(dir.resolve("receiver.err"), concat(tlsReceiverFlags(security, ca),
                "--input-tcp", "127.0.0.1:" + port, "--output-http", target(), "--stats"));
             Receiver sender = Receiver.start(dir.resolve("sender.err"), concat(tlsSenderFlags(security, ca),
                     "--input-file", file + "|100000%", "--output-tcp", "127.0.0.1:" + port, "--stats"))) {
            assertThat(sender.exit()).as(sender.err()).isZero();
            awaitReceived(expected.size());
            assertThat(receiver.stop()).as(receiver.err()).isEqualTo(143); // SIGTERM
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(sender.droppedInSummary()).as(sender.err()).isZero();
            assertThat(sender.summaryCount("output-tcp", "not-original")).as(sender.err()).isEqualTo(1);
            assertThat(receiver.droppedInSummary()).as(receiver.err()).isZero();
            assertThat(receiver.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aReceiverRestartedInTheMiddleOfARunLosesNothingThatIsNotCounted() throws Exception {
        Path file = dir.resolve("paced.gor");
        int total = 300;
        List<String> expected = new ArrayList<>();
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            records.add(record(MessageType.REQUEST, String.format("%024x", i), 1_795_000_000_000_000_000L + i * 10_000_000L,
                    "GET /paced/" + i + " HTTP/1.1\r\nHost: shop\r\n\r\n"));
            expected.add("GET /paced/" + i + " ");
        }
        Gor.write(file, records); // three seconds of traffic
        int port = Receiver.freePort();
        List<String> receiverArgs = List.of("--input-tcp", "127.0.0.1:" + port, "--output-http", target(), "--stats");
        try (Receiver first = Receiver.listening(dir.resolve("first.err"), receiverArgs);
             Receiver sender = Receiver.start(dir.resolve("sender.err"), List.of("--input-file", file.toString(),
                     "--output-tcp", "127.0.0.1:" + port, "--output-tcp-workers", "3", "--stats"))) {
            awaitReceived(60);
            assertThat(first.stop()).as(first.err()).isEqualTo(143); // SIGTERM
            int beforeRestart = received.size();
            try (Receiver second = Receiver.listening(dir.resolve("second.err"), receiverArgs)) {
                int senderStatus = sender.exit();
                // a sender that lost records (each counted) did not do its job: status 1 and one line
                assertThat(senderStatus).as(sender.err()).isEqualTo(sender.droppedInSummary() == 0 ? 0 : 1);
                awaitReceived(total - (int) (first.droppedInSummary() + sender.droppedInSummary()));
                assertThat(second.stop()).as(second.err()).isEqualTo(143); // SIGTERM
                long counted = first.droppedInSummary() + second.droppedInSummary() + sender.droppedInSummary();
                Map<String, Long> times = received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(times.values()).as("nothing twice").allMatch(n -> n == 1);
                assertThat(received.size() + counted).as("received %d, counted %d; before the restart %d\n%s\n%s\n%s",
                        received.size(), counted, beforeRestart, sender.err(), first.err(), second.err()).isEqualTo(total);
                assertThat(received.size()).isGreaterThan(beforeRestart);
            }
        }
    }

    @Test
    void badPeersAtTheListenerAreCountedAndItKeepsServingTheOthers() throws Exception {
        int port = Receiver.freePort();
        try (Receiver receiver = Receiver.listening(dir.resolve("receiver.err"), List.of("--input-tcp", "127.0.0.1:" + port,
                "--output-http", target(), "--stats"))) {
            byte[] noise = new byte[256 << 10];
            new SplittableRandom(16).nextBytes(noise);
            try (Socket garbage = new Socket(InetAddress.getLoopbackAddress(), port)) {
                garbage.getOutputStream().write(noise);
            }
            try (Socket steady = new Socket(InetAddress.getLoopbackAddress(), port)) {
                steady.getOutputStream().write(records("/steady/", 0, 2));
                try (Socket dying = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    byte[] two = records("/dying/", 0, 2);
                    dying.getOutputStream().write(two, 0, two.length - 25); // killed inside its second record
                    dying.setSoLinger(true, 0);
                }
                steady.getOutputStream().write(records("/steady/", 2, 2));
                awaitReceived(5);
            }
            assertThat(receiver.stop()).as(receiver.err()).isEqualTo(143); // SIGTERM
            assertThat(received).containsExactlyInAnyOrder("GET /steady/0 ", "GET /steady/1 ", "GET /steady/2 ",
                    "GET /steady/3 ", "GET /dying/0 ");
            assertThat(receiver.summaryCount("input-tcp", "truncated")).as(receiver.err()).isGreaterThanOrEqualTo(2);
            assertThat(receiver.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theSendersBytesAreGoReplaysFormOfTheRecording() throws Exception {
        Path file = dir.resolve("origin.gor");
        List<Message> origin = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            origin.add(record(i % 2 == 0 ? MessageType.REQUEST : MessageType.RESPONSE, String.format("%024x", i / 2),
                    1_795_000_000_000_000_000L + i, i % 2 == 0 ? "GET /" + i + " HTTP/1.1\r\n\r\n"
                            : "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + (i % 10)));
        }
        Gor.write(file, origin);
        try (ServerSocket recorder = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Receiver sender = Receiver.start(dir.resolve("sender.err"), List.of("--input-file", file + "|100000%",
                     "--output-tcp", "127.0.0.1:" + recorder.getLocalPort(), "--output-tcp-workers", "1"))) {
            try (Socket connection = recorder.accept(); InputStream in = connection.getInputStream()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                assertThat(bytes.toByteArray()).isEqualTo(Files.readAllBytes(file));
            }
            assertThat(sender.exit()).as(sender.err()).isZero();
        }
    }

    @Test
    void aSenderWhosePeerNeverAnswersCountsEveryRecordAndExitsOne() throws Exception {
        Path file = dir.resolve("three.gor");
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(record(MessageType.REQUEST, String.format("%024x", i), 1_795_000_000_000_000_000L + i,
                    "GET /lost/" + i + " HTTP/1.1\r\nHost: shop\r\n\r\n"));
        }
        Gor.write(file, records);
        int nobody = Receiver.freePort();
        Run run = Run.of("--input-file", file.toString(), "--output-tcp", "127.0.0.1:" + nobody);
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("output-tcp 127.0.0.1:" + nobody + ": 3 record(s) not delivered (")
                .doesNotContain("Exception");
    }

    @Test
    void theListeningPortIsRefusedInOneLineWhenTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = Run.of("--input-tcp", "127.0.0.1:" + taken.getLocalPort(), "--output-null");
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("shadowtap: --input-tcp 127.0.0.1:" + taken.getLocalPort()
                    + ": cannot listen (").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void flagsThatCannotWorkTogetherAreOneLineUsageErrors() {
        Run noKey = Run.of("--input-tcp", ":0", "--input-tcp-secure", "--output-null");
        assertThat(noKey.status()).isEqualTo(2);
        assertThat(noKey.err()).contains("--input-tcp-secure needs --input-tcp-certificate and --input-tcp-certificate-key");
        Run noPort = Run.of("--input-dummy", "--output-tcp", "replay.local");
        assertThat(noPort.status()).isEqualTo(2);
        assertThat(noPort.err()).contains("--output-tcp replay.local: missing port");
        Run caWithoutTls = Run.of("--input-tcp", ":0", "--input-tcp-client-ca", "ca.pem", "--output-null");
        assertThat(caWithoutTls.status()).isEqualTo(2);
        assertThat(caWithoutTls.err()).contains("--input-tcp-client-ca needs --input-tcp-secure");
    }

    private static byte[] records(String prefix, int from, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Message> messages = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            messages.add(record(MessageType.REQUEST, String.format("%024x", i), 1_795_000_000_000_000_000L + i,
                    "GET " + prefix + i + " HTTP/1.1\r\nHost: shop\r\n\r\n"));
        }
        Path tmp = Files.createTempFile("records", ".gor");
        try {
            Gor.write(tmp, messages);
            out.writeBytes(Files.readAllBytes(tmp));
        } finally {
            Files.delete(tmp);
        }
        return out.toByteArray();
    }

}
