package dev.shadowtap.app;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test helper: a real HTTP server (the JDK's) that answers 200 and keeps every request in arrival
 * order: which replayer sent it (its {@code X-Replayer} header), method, path, body and the client port.
 */
final class RequestLog implements AutoCloseable {
    /** One request as it arrived. */
    record Seen(String replayer, String method, String path, String body, int clientPort) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    RequestLog() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(String.valueOf(exchange.getRequestHeaders().getFirst("X-Replayer")),
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                    exchange.getRemoteAddress().getPort()));
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Waits (at most {@code seconds}) until {@code done} holds for what arrived; returns what arrived. */
    List<Seen> await(int seconds, Predicate<List<Seen>> done) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.test(seen()) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return seen();
    }

    /** How often each path arrived. */
    static Map<String, Integer> counts(List<Seen> seen) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        seen.forEach(s -> counts.merge(s.path(), 1, Integer::sum));
        return counts;
    }

    /** The paths that arrived, in order, of those that start with {@code prefix} and came from {@code replayer}. */
    static List<String> paths(List<Seen> seen, String prefix, String replayer) {
        List<String> paths = new ArrayList<>();
        for (Seen s : seen) {
            if (s.path().startsWith(prefix) && s.replayer().equals(replayer)) {
                paths.add(s.path());
            }
        }
        return paths;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
