package dev.shadowtap.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's small JSON shop service on the JDK's {@code HttpServer} (keep-alive, Content-Length
 * framing), bound to loopback on a free port. Every JSON answer carries the volatile
 * {@code generated_at} timestamp and an {@code X-Request-Id} header; everything else is derived from
 * the request ({@link ShopApi}). Both versions are this class; {@link ServiceVersion#V2} has the one
 * regression of {@link ShopData#detailPrice}.
 */
public final class DemoService implements AutoCloseable {
    private final ServiceVersion version;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ShopApi api;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();

    private DemoService(ServiceVersion version, Clock clock) throws IOException {
        this.version = version;
        this.clock = clock;
        this.api = new ShopApi(version, json);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /** Starts a service of {@code version} on 127.0.0.1 and a free port. */
    public static DemoService start(ServiceVersion version) throws IOException {
        DemoService service = new DemoService(version, Clock.systemUTC());
        service.server.start();
        return service;
    }

    public ServiceVersion version() {
        return version;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests answered so far (every path, every status). */
    public long requestsServed() {
        return requests.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet(); // before the answer: whoever got an answer sees it counted
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ShopApi.Reply reply = api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body);
            Map<String, Object> fields = new LinkedHashMap<>(reply.body());
            fields.put("generated_at", clock.instant().toString());
            byte[] bytes = json.writeValueAsBytes(fields);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops at once: the demo's clients are done by then. */
    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
