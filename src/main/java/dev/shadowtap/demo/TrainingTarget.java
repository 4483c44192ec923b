package dev.shadowtap.demo;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay target of {@link StartupTraining}: a keep-alive HTTP/1.1 server on loopback that frames
 * each request with shadowtap's own framer and answers it at once with a small fixed response, the
 * shape of a quick production answer (Content-Length, no chunking), so the training's replay runs at
 * full speed. One virtual thread per connection.
 */
final class TrainingTarget implements AutoCloseable {
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nServer: shadowtap-training\r\n"
            + "Content-Type: application/json\r\nContent-Length: 16\r\nConnection: keep-alive\r\n\r\n"
            + "{\"status\":\"ok\"}\n").getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final Thread acceptor;

    private TrainingTarget(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("training-target").start(this::accept);
    }

    static TrainingTarget start() throws IOException {
        return new TrainingTarget(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        Http1Framer framer = Http1Framer.forRequests(FramingLimits.DEFAULT);
        List<FramingResult> framed = new ArrayList<>();
        byte[] buffer = new byte[16 * 1024];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            for (int n; (n = in.read(buffer)) > 0; ) {
                framer.feed(buffer, 0, n, framed::add);
                for (FramingResult result : framed) {
                    if (!(result instanceof FramedMessage)) {
                        return; // not a request: the connection goes, as a server would close it
                    }
                    out.write(RESPONSE);
                }
                framed.clear();
                out.flush();
            }
        } catch (IOException gone) {
            // the replay closed the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
