package dev.shadowtap.io.raw;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on a free loopback port: {@code /chunked/...} answers with a chunked body
 * written in three pieces, every other path with a fixed-length body naming the path and how many
 * body bytes the request carried (so every response is unique and tells which request it answers).
 */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    static LoopbackServer start(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 1024);
        LoopbackServer s = new LoopbackServer(server);
        server.createContext("/", s::handle);
        server.setExecutor(s.executor);
        server.start();
        return s;
    }

    int port() {
        return server.getAddress().getPort();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received;
        try (InputStream in = exchange.getRequestBody()) {
            received = in.transferTo(OutputStream.nullOutputStream());
        }
        String path = exchange.getRequestURI().getPath();
        try (OutputStream out = exchange.getResponseBody()) {
            if (path.startsWith("/chunked")) {
                exchange.sendResponseHeaders(200, 0);
                for (int i = 1; i <= 3; i++) {
                    out.write(("piece " + i + " of " + path + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } else {
                byte[] body = ("ok " + path + " " + received + "\n").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
