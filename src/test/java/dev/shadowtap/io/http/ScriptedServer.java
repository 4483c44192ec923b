package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw loopback HTTP server for tests: frames each request with the request framer, records its exact
 * bytes and the connection it came on, and lets a script decide the answer byte for byte.
 */
final class ScriptedServer implements AutoCloseable {
    /** What to do with one request: bytes to write, then keep the connection, close it, or reset it. */
    record Answer(byte[] bytes, After after, long delayMs) {
        static Answer of(String response) {
            return new Answer(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), After.KEEP, 0);
        }

        Answer then(After newAfter) {
            return new Answer(bytes, newAfter, delayMs);
        }

        Answer delayed(long ms) {
            return new Answer(bytes, after, ms);
        }
    }

    enum After { KEEP, CLOSE, RESET, HANG }

    interface Script {
        Answer answer(FramedMessage request, int index, Socket socket) throws IOException;
    }

    /** A request as received: its bytes and the number of the connection (0, 1, ...) it came on. */
    record Received(byte[] bytes, int connection) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    ScriptedServer(Script script) throws IOException {
        this(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), script);
    }

    /** On a server socket of the test's own (a TLS one, say), bound already. */
    ScriptedServer(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    static ScriptedServer answering(String response) throws IOException {
        return new ScriptedServer((request, index, socket) -> Answer.of(response));
    }

    int port() {
        return server.getLocalPort();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                int n = connections.getAndIncrement();
                Thread.ofVirtual().start(() -> serve(s, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Http1Framer framer = Http1Framer.forRequests(FramingLimits.DEFAULT);
            ArrayDeque<FramingResult> pending = new ArrayDeque<>();
            byte[] buf = new byte[8192];
            while (true) {
                while (pending.isEmpty()) {
                    int n = in.read(buf);
                    if (n < 0) {
                        return;
                    }
                    framer.feed(buf, 0, n, pending::add);
                }
                if (!(pending.poll() instanceof FramedMessage request)) {
                    return;
                }
                received.add(new Received(request.raw(), connection));
                Answer answer = script.answer(request, requests.getAndIncrement(), socket);
                if (answer.delayMs() > 0) {
                    Thread.sleep(answer.delayMs());
                }
                out.write(answer.bytes());
                out.flush();
                switch (answer.after()) {
                    case KEEP -> { }
                    case CLOSE -> {
                        return;
                    }
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case HANG -> {
                        Thread.sleep(60_000);
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        }
    }

    /** Reads the rest of a request body the framer has not seen (used by 100-continue scripts). */
    static byte[] readExactly(InputStream in, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(in.readNBytes(n));
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
