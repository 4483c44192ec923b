package dev.shadowtap.io.binary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A raw TCP server on loopback that records, per accepted connection, every byte it received, and
 * answers each read with what {@code answer} makes of it (null: no answer). It also keeps the most
 * connections it had open at once.
 */
final class RecordingServer implements AutoCloseable {
    private final ServerSocket server;
    private final Function<String, String> answer;
    private final List<StringBuffer> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();

    private RecordingServer(Function<String, String> answer) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answer = answer;
        Thread.ofVirtual().start(this::accept);
    }

    /** Answers every read with {@code R(<what was read>)}. */
    static RecordingServer echoing() throws IOException {
        return new RecordingServer(text -> "R(" + text + ")");
    }

    static RecordingServer answering(Function<String, String> answer) throws IOException {
        return new RecordingServer(answer);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** What each connection received, in the order the connections were accepted. */
    List<String> received() {
        List<String> all = new ArrayList<>();
        connections.forEach(b -> all.add(b.toString()));
        return all;
    }

    int maxOpen() {
        return maxOpen.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket s = server.accept();
                sockets.add(s);
                StringBuffer got = new StringBuffer();
                connections.add(got);
                open.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, got));
                // counted a moment later: a connection the client closed before opening this one may
                // not have been read to its end here yet (the server's view lags the client's)
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    maxOpen.accumulateAndGet(open.get(), Math::max);
                });
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket s, StringBuffer got) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                got.append(text);
                String reply = answer.apply(text);
                if (reply == null) {
                    continue;
                }
                // '|' splits an answer into parts written a moment apart, as a server streams a reply
                String[] parts = reply.split("\\|", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        Thread.sleep(2);
                    }
                    out.write(parts[i].getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
