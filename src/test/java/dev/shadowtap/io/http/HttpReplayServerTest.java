package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.shadowtap.io.http.ReplayFixtures.bytes;
import static dev.shadowtap.io.http.ReplayFixtures.drain;
import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static dev.shadowtap.io.http.ReplayFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Many concurrent requests against the JDK's HttpServer: workers grow with demand and shrink back when idle. */
class HttpReplayServerTest {
    private HttpServer server;
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final List<String> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Map<String, AtomicInteger> concurrentByChain = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxByChain = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 500);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/fast", exchange -> {
            byte[] body = bytes("ok");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/chain", exchange -> {
            String path = exchange.getRequestURI().getPath(); // /chain/<name>/<n>
            String chain = path.split("/")[2];
            arrivals.add(path);
            int now = concurrentByChain.computeIfAbsent(chain, k -> new AtomicInteger()).incrementAndGet();
            maxByChain.computeIfAbsent(chain, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(5);
                byte[] body = bytes(path);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrentByChain.get(chain).decrementAndGet();
                exchange.close();
            }
        });
        server.createContext("/", exchange -> {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
                byte[] body = bytes(exchange.getRequestURI().toString());
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void workersGrowWithDemandAndShrinkBackToTheMinimumWhenIdle() throws Exception {
        HttpReplayConfig config = HttpReplayConfig.defaults(uri()).withWorkers(2, 0)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)).withTrackResponse(true);
        HttpReplayOutput out = new HttpReplayOutput(config, new Stats(), new ReplayFixtures.LinesLog());
        int peakWorkers = 0;
        for (int i = 0; i < 600; i++) {
            out.write(request(id(i), "GET /item/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            peakWorkers = Math.max(peakWorkers, out.stats().workers());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (out.stats().responsesTotal() < 600 && System.nanoTime() < deadline) {
            peakWorkers = Math.max(peakWorkers, out.stats().workers());
            Thread.sleep(5);
        }
        long shrinkDeadline = System.nanoTime() + 5_000_000_000L;
        while (out.stats().workers() > 2 && System.nanoTime() < shrinkDeadline) {
            Thread.sleep(20);
        }
        int afterIdle = out.stats().workers();
        out.close();
        List<Message> replies = drain(out.replies());

        assertThat(peakWorkers).isGreaterThan(10);
        assertThat(maxConcurrent.get()).isGreaterThan(10);
        // down to the minimum of 2; the JDK server itself closes idle connections beyond its cap of 200,
        // and one it closed while the pool shrank may leave 1 (never reopened just to make up the number)
        assertThat(afterIdle).isBetween(1, 2);
        assertThat(out.stats().responses(2)).isEqualTo(600);
        Map<String, String> bodyById = replies.stream().collect(Collectors.toMap(Message::id,
                m -> text(m.payload()).substring(text(m.payload()).indexOf("\r\n\r\n") + 4)));
        assertThat(bodyById).hasSize(600);
        for (int i = 0; i < 600; i++) {
            assertThat(bodyById.get(id(i))).isEqualTo("/item/" + i);
        }
    }

    @Test
    void requestsSharingAnIdGoOneAfterAnotherInTheirOrderAndTheirRepliesComeBackInOrder() throws Exception {
        // GoReplay gives every request of one recorded keep-alive connection the same id
        HttpReplayConfig config = HttpReplayConfig.defaults(uri()).withWorkers(1, 0).withTrackResponse(true);
        HttpReplayOutput out = new HttpReplayOutput(config, new Stats(), new ReplayFixtures.LinesLog());
        for (int i = 0; i < 12; i++) {
            for (String chain : List.of("a", "b", "c")) {
                out.write(request(chain.repeat(24), "GET /chain/" + chain + "/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            }
        }
        out.close();
        List<Message> replies = drain(out.replies());

        for (String chain : List.of("a", "b", "c")) {
            List<String> sent = arrivals.stream().filter(p -> p.startsWith("/chain/" + chain + "/")).toList();
            assertThat(sent).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 12).mapToObj(i -> "/chain/" + chain + "/" + i).toList());
            assertThat(maxByChain.get(chain).get()).as("requests of chain " + chain + " at once").isEqualTo(1);
            List<String> bodies = replies.stream().filter(m -> m.id().equals(chain.repeat(24)))
                    .map(m -> text(m.payload()).substring(text(m.payload()).indexOf("\r\n\r\n") + 4)).toList();
            assertThat(bodies).containsExactlyElementsOf(sent);
        }
        assertThat(maxByChain.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(3);
    }

    @Test
    void aPacedReplayToAQuickTargetStaysOnAFewConnections() throws Exception {
        // default growth (workers 0): ~700 requests a second to a server that answers at once
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer quick = new ScriptedServer((r, i, sock) -> ScriptedServer.Answer.of(ok))) {
            HttpReplayOutput out = new HttpReplayOutput(HttpReplayConfig.defaults(quick.uri())
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200)), new Stats(), new ReplayFixtures.LinesLog());
            for (int i = 0; i < 100; i++) { // warm-up: the JIT's first compilations may hold a few back
                out.write(request(id(i), "GET /warm/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n"));
                Thread.sleep(1);
            }
            Thread.sleep(600); // connections above the minimum close after 200 ms idle
            int peak = 0;
            for (int i = 100; i < 500; i++) {
                out.write(request(id(i), "GET /paced/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n"));
                Thread.sleep(1);
                peak = Math.max(peak, out.stats().workers());
            }
            out.close();

            assertThat(out.stats().responses(2)).isEqualTo(500);
            // a handful: one or two do the work, a scheduling hiccup on a loaded machine may add some
            // (before the growth rule, a replay like this held 100-150 connections)
            assertThat(peak).as("connections at most").isLessThanOrEqualTo(16);
        }
    }

    @Test
    void fixedWorkersNeverExceedTheirNumberAndQueueLenBoundsWhatIsPending() throws Exception {
        HttpReplayConfig config = HttpReplayConfig.defaults(uri()).withWorkers(4, 4).withQueueLen(8);
        HttpReplayOutput out = new HttpReplayOutput(config, new Stats(), new ReplayFixtures.LinesLog());
        int peakPending = 0;
        for (int i = 0; i < 100; i++) {
            out.write(request(id(i), "GET /q HTTP/1.1\r\nHost: x\r\n\r\n"));
            // in flight first: between the two reads a request can only move from the queue to in flight
            // (this thread is the only writer), so it is never counted twice
            int inFlight = out.stats().inFlight();
            peakPending = Math.max(peakPending, inFlight + out.stats().queueDepth());
        }
        out.close();

        assertThat(maxConcurrent.get()).isLessThanOrEqualTo(4);
        assertThat(peakPending).isLessThanOrEqualTo(8);
        assertThat(out.stats().responses(2)).isEqualTo(100);
        assertThat(out.replies()).isNull();
    }

    @Test
    void statsLinesArePrintedEveryIntervalAndTheSummaryCountsEverything() throws Exception {
        ReplayFixtures.LinesLog log = new ReplayFixtures.LinesLog();
        HttpReplayConfig config = HttpReplayConfig.defaults(uri()).withStatsInterval(Duration.ofMillis(100));
        HttpReplayOutput out = new HttpReplayOutput(config, new Stats(), log);
        for (int i = 0; i < 20; i++) {
            out.write(request(id(i), "GET /s HTTP/1.1\r\nHost: x\r\n\r\n"));
        }
        Thread.sleep(350);
        out.close();

        assertThat(log.infos).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l -> assertThat(l).startsWith("output-http 127.0.0.1:" + server.getAddress().getPort()));
        assertThat(String.join("\n", log.infos)).contains("sent 20");
        assertThat(out.summaryLines().getFirst()).contains("sent 20").contains("2xx 20");
        assertThat(out.summaryLines().getLast()).matches(".*latency p50 [0-9.]+ms p99 [0-9.]+ms max [0-9.]+ms");
    }

    @Test
    void anUnreachableTargetIsCountedWithOneLineAndTheRunGoesOn() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ReplayFixtures.LinesLog log = new ReplayFixtures.LinesLog();
        HttpReplayOutput out = new HttpReplayOutput(
                HttpReplayConfig.defaults(URI.create("http://127.0.0.1:" + port)), new Stats(), log);
        for (int i = 0; i < 5; i++) {
            out.write(request(id(i), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        }
        out.close();

        assertThat(out.stats().errors(Reason.CONNECT_REFUSED)).isEqualTo(5);
        assertThat(log.warnings()).hasSize(1).first().asString().contains("127.0.0.1:" + port).contains("connect-refused");
        assertThat(out.summaryLines()).anyMatch(l -> l.endsWith("connect-refused 5"));
    }

    @Test
    void badConfigurationsSayWhichFlagInOneLine() {
        Function<Runnable, String> message = r -> {
            try {
                r.run();
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        };
        assertThat(message.apply(() -> HttpReplayConfig.defaults(URI.create("ftp://h/")))).contains("--output-http ftp://h/");
        assertThat(message.apply(() -> HttpReplayConfig.defaults(uri()).withWorkers(5, 2))).contains("--output-http-workers");
        assertThat(message.apply(() -> HttpReplayConfig.defaults(uri()).withQueueLen(0))).contains("--output-http-queue-len");
        assertThat(message.apply(() -> HttpReplayConfig.defaults(uri()).withTimeouts(Duration.ZERO, Duration.ofSeconds(1))))
                .contains("--output-http-timeout");
    }
}
