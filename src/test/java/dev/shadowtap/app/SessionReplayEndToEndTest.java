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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --recognize-tcp-sessions} through the real command line, against a JDK HttpServer that logs
 * each request's client port: every recorded client connection arrives on one target connection of
 * its own, its requests in order, each after the one before was answered, and sessions that overlapped
 * in the recording overlap in the replay.
 */
class SessionReplayEndToEndTest {
    @TempDir
    Path dir;
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** What the target saw of one request: the client port it came from, its path, when it came and when it was answered. */
    private record Seen(int port, String path, long arrivedNs, long answeredNs) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();

    private String target(long delayMs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long arrived = System.nanoTime();
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(delayMs);
                byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                active.decrementAndGet();
                seen.add(new Seen(exchange.getRemoteAddress().getPort(), exchange.getRequestURI().getPath(), arrived,
                        System.nanoTime()));
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A GoReplay 1.3 id: the client's port, the server's port, the client's IPv4 address, then a counter. */
    private static String id13(int clientPort, int n) {
        return String.format("%04x%04x%08x%08x", clientPort, 80, 0x0a000001, n);
    }

    /** GoReplay 1.2's id: a hash of the connection's two addresses, the same for each of its messages. */
    private static String id12(int clientPort) {
        return String.format("%040x", 0xfeed0000L + clientPort);
    }

    private static Message get(String id, long ms, String path) {
        return new Message(MessageType.REQUEST, id, 1_700_000_000_000_000_000L + ms * 1_000_000, Message.NO_LATENCY,
                ("GET " + path + " HTTP/1.1\r\nHost: shop\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Three keep-alive sessions whose requests interleave in time: a1 b1 c1 a2 b2 c2 a3 b3 a4. */
    private static List<Message> interleaved(boolean goReplay12) {
        String[] order = {"a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "a4"};
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            int port = 40_000 + order[i].charAt(0);
            String id = goReplay12 ? id12(port) : id13(port, 1000 + i);
            out.add(get(id, 5L * i, "/" + order[i]));
        }
        return out;
    }

    /** The paths each target connection (client port) carried, in arrival order. */
    private Map<Integer, List<String>> byConnection() {
        return seen.stream().sorted(java.util.Comparator.comparingLong(Seen::arrivedNs)).collect(Collectors.groupingBy(
                Seen::port, LinkedHashMap::new, Collectors.mapping(Seen::path, Collectors.toList())));
    }

    @Test
    void eachRecordedConnectionIsReplayedOnAConnectionOfItsOwnInOrderAndSessionsOverlap() throws IOException {
        String target = target(40);
        Path in = Gor.write(dir.resolve("sessions.gor"), interleaved(false));

        Run run = Run.of("--input-file", in.toString(), "--output-http", target, "--recognize-tcp-sessions");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(byConnection().values()).containsExactlyInAnyOrder(
                List.of("/a1", "/a2", "/a3", "/a4"), List.of("/b1", "/b2", "/b3"), List.of("/c1", "/c2"));
        for (List<Seen> session : seen.stream().collect(Collectors.groupingBy(Seen::port)).values()) {
            List<Seen> inOrder = session.stream().sorted(java.util.Comparator.comparingLong(Seen::arrivedNs)).toList();
            for (int i = 1; i < inOrder.size(); i++) {
                assertThat(inOrder.get(i).arrivedNs()).as("sent after the previous one was answered")
                        .isGreaterThanOrEqualTo(inOrder.get(i - 1).answeredNs());
            }
        }
        assertThat(mostActive.get()).as("overlapping sessions overlap").isGreaterThanOrEqualTo(2);
    }

    @Test
    void outputHttpWorkersBoundsTheSessionConnectionsOpenAtOnce() throws IOException {
        String target = target(20);
        Path in = Gor.write(dir.resolve("bounded.gor"), interleaved(false));

        Run run = Run.of("--input-file", in.toString(), "--output-http", target, "--recognize-tcp-sessions",
                "--output-http-workers", "1");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seen).hasSize(9);
        assertThat(mostActive.get()).as("one connection at a time").isEqualTo(1);
        // each connection still carries one session's requests only, in order
        assertThat(byConnection().values()).allSatisfy(paths -> {
            assertThat(paths.stream().map(p -> p.charAt(1)).distinct()).hasSize(1);
            assertThat(paths).isSorted();
        });
    }

    @Test
    void goReplay12FilesNameTheirSessionsByTheWholeId() throws IOException {
        String target = target(10);
        Path in = Gor.write(dir.resolve("sessions12.gor"), interleaved(true));

        Run run = Run.of("--input-file", in.toString(), "--output-http", target, "--recognize-tcp-sessions");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(byConnection().values()).containsExactlyInAnyOrder(
                List.of("/a1", "/a2", "/a3", "/a4"), List.of("/b1", "/b2", "/b3"), List.of("/c1", "/c2"));
    }

    @Test
    void idsThatCarryNoConnectionAreSaidOnceAndReplayedPerRequest() throws IOException {
        String target = target(0);
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(get(String.format("%08x%016x", 0xabcdef01L, i + 1), i, "/p" + i)); // shadowtap's ids before 2026-12
        }
        Path in = Gor.write(dir.resolve("plain.gor"), records);

        Run run = Run.of("--input-file", in.toString(), "--output-http", target, "--recognize-tcp-sessions");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seen).extracting(Seen::path).containsExactlyInAnyOrder("/p0", "/p1", "/p2", "/p3");
        assertThat(run.err().lines().filter(l -> l.contains("carry no connection"))).hasSize(1);
    }

    @Test
    void withSplitOutputEachTargetGetsWholeSessions() throws IOException {
        String first = target(0);
        String second = target(0);
        List<Message> records = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            for (int n = 0; n < 3; n++) {
                records.add(get(id13(41_000 + s, 100 * s + n), 12L * n + s, "/s" + s + "/" + n));
            }
        }
        Path in = Gor.write(dir.resolve("many.gor"), records);

        Run run = Run.of("--input-file", in.toString(), "--output-http", first, "--output-http", second,
                "--split-output", "--recognize-tcp-sessions");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(seen).hasSize(36);
        Map<String, List<Integer>> targetsOfSession = seen.stream().collect(Collectors.groupingBy(
                v -> v.path().substring(0, v.path().lastIndexOf('/')), Collectors.mapping(Seen::port, Collectors.toList())));
        assertThat(targetsOfSession).hasSize(12);
        targetsOfSession.forEach((session, ports) ->
                assertThat(ports.stream().distinct()).as("one connection for " + session).hasSize(1));
    }
}
