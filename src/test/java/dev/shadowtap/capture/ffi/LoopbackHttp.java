package dev.shadowtap.capture.ffi;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 and a plain-socket client, to put known bytes on the loopback. */
public final class LoopbackHttp implements AutoCloseable {
    private final HttpServer server;

    public LoopbackHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] reply = ("echo " + body.length).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** POSTs {@code body} on a fresh connection and returns the whole response. */
    public String post(String body) throws IOException {
        return post(port(), body);
    }

    public static String post(int port, String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /capture HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + payload.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
