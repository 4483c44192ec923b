package dev.shadowtap.app;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.Http1Framer;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Real exchanges with a server over a socket, recorded as GoReplay records: the request as sent
 * (type 1) and the response byte for byte as received, framed by the real {@link Http1Framer}
 * (type 2, with the measured latency).
 */
final class Exchanges {
    private final List<Message> records = new ArrayList<>();
    private long next = 0x5000;

    /** Sends one request on its own connection and records both sides. */
    byte[] send(int port, String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        String id = String.format("%024x", next++);
        long start = System.currentTimeMillis() * 1_000_000L;
        long t0 = System.nanoTime();
        byte[] response = roundTrip(port, bytes, request.substring(0, request.indexOf(' ')));
        long latency = Math.max(1, System.nanoTime() - t0);
        records.add(new Message(MessageType.REQUEST, id, start, Message.NO_LATENCY, bytes));
        records.add(new Message(MessageType.RESPONSE, id, start + latency, latency, response));
        return response;
    }

    static byte[] roundTrip(int port, byte[] request, String method) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request);
            Http1Framer framer = Http1Framer.forResponses(FramingLimits.DEFAULT);
            framer.expectResponseTo(method);
            List<FramedMessage> framed = new ArrayList<>();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (framed.isEmpty()) {
                int n = in.read(buffer);
                if (n < 0) {
                    framer.endOfStream(r -> {
                        if (r instanceof FramedMessage m) {
                            framed.add(m);
                        }
                    });
                    break;
                }
                framer.feed(buffer, 0, n, r -> {
                    if (r instanceof FramedMessage m && !m.interim()) {
                        framed.add(m);
                    }
                });
            }
            if (framed.isEmpty()) {
                throw new IOException("no response from port " + port);
            }
            return framed.getFirst().raw();
        }
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: shop.example\r\nAccept: application/json\r\n\r\n";
    }

    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    List<Message> records() {
        return List.copyOf(records);
    }
}
