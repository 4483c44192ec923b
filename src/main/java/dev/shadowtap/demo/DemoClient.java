package dev.shadowtap.demo;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingError;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;

/**
 * One keep-alive connection of the demo's client over a plain socket, so that the exact bytes sent
 * and received are known (the fallback records them). Responses are framed by the project's
 * {@link Http1Framer}, whatever their framing.
 */
final class DemoClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final Clock clock;
    private final Http1Framer framer = Http1Framer.forResponses(FramingLimits.DEFAULT);
    private final Deque<FramedMessage> framed = new ArrayDeque<>();
    private final List<FramingResult> results = new ArrayList<>();
    private final byte[] buffer = new byte[16 * 1024];

    /** A response as received, with the wall-clock time its first bytes arrived. */
    record Response(FramedMessage message, long receivedNs) {
        int status() {
            return message.head().status();
        }
    }

    DemoClient(InetSocketAddress target, Clock clock) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(target, TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.clock = clock;
    }

    /** Sends one request and reads its whole response; one line IOException when the server does not answer. */
    Response send(String method, byte[] request) throws IOException {
        framer.expectResponseTo(method);
        out.write(request);
        out.flush();
        long firstBytesNs = -1;
        while (framed.isEmpty()) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException(socket.getRemoteSocketAddress() + " closed the connection before answering");
            }
            if (firstBytesNs < 0) {
                firstBytesNs = nowNs();
            }
            framer.feed(buffer, 0, n, results::add);
            for (FramingResult result : results) {
                switch (result) {
                    case FramedMessage m when m.interim() -> {
                    }
                    case FramedMessage m -> framed.add(m);
                    case FramingError e -> throw new IOException(socket.getRemoteSocketAddress()
                            + " sent a malformed response: " + e.reason() + " " + e.detail());
                }
            }
            results.clear();
        }
        return new Response(framed.poll(), firstBytesNs);
    }

    long nowNs() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
