package dev.shadowtap.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A small real JSON service on loopback, in two versions. Version B has one logic error: the price of
 * even-numbered products is 0.5 higher. Every response carries values that change on every call (an
 * ISO timestamp, a UUID, epoch milliseconds, an X-Request-Id header, the JDK's Date header); the stock
 * endpoint also carries {@code served_by}, a random number of no recognizable shape.
 */
final class ShopService implements AutoCloseable {
    private final HttpServer server;
    private final boolean versionB;

    private ShopService(boolean versionB) throws IOException {
        this.versionB = versionB;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/products/", this::product);
        server.createContext("/api/users/", this::user);
        server.createContext("/api/orders", this::order);
        server.createContext("/api/catalog", this::catalog);
        server.createContext("/api/stock/", this::stock);
        server.createContext("/api/export", this::export);
        server.start();
    }

    static ShopService versionA() throws IOException {
        return new ShopService(false);
    }

    static ShopService versionB() throws IOException {
        return new ShopService(true);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private void product(HttpExchange exchange) throws IOException {
        int id = Integer.parseInt(last(exchange));
        double price = 10 + id + (versionB && id % 2 == 0 ? 0.5 : 0);
        json(exchange, 200, "{\"id\":" + id + ",\"name\":\"Product " + id + "\",\"price\":" + price
                + ",\"currency\":\"EUR\",\"generated_at\":\"" + Instant.now() + "\"}");
    }

    private void user(HttpExchange exchange) throws IOException {
        String id = last(exchange);
        json(exchange, 200, "{\"id\":\"" + id + "\",\"roles\":[\"reader\",\"buyer\"],\"trace\":\"" + UUID.randomUUID()
                + "\"}");
    }

    private void order(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        json(exchange, 201, "{\"accepted\":true,\"bytes\":" + body.length + ",\"created\":" + System.currentTimeMillis()
                + "}");
    }

    private void catalog(HttpExchange exchange) throws IOException {
        String json = "{\"items\":[{\"sku\":\"a-1\",\"price\":3},{\"sku\":\"b-2\",\"price\":4}],\"as_of\":\""
                + Instant.now() + "\"}";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(zipped.toByteArray());
        }
    }

    /** About 1.3 MB of JSON; B's last field differs, after the first MiB. */
    private void export(HttpExchange exchange) throws IOException {
        StringBuilder json = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < 20_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"row\":").append(i).append(",\"label\":\"item number ")
                    .append(i).append(" of the export, stable text\"}");
        }
        json.append("],\"checksum\":\"").append(versionB ? "b-wrong" : "a-right").append("\"}");
        json(exchange, 200, json.toString());
    }

    private void stock(HttpExchange exchange) throws IOException {
        json(exchange, 200, "{\"sku\":\"" + last(exchange) + "\",\"level\":5,\"served_by\":"
                + ThreadLocalRandom.current().nextInt(1_000_000) + "}");
    }

    private static String last(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
