package dev.shadowtap.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on loopback in front of a real server that cuts the connection of the first
 * {@code failures} requests starting with a given method (a network failure mid-request, as a
 * client sees it), and answers the requests of the denied methods 403 AccessDenied as S3 does for
 * credentials without that permission: everything else is the real server's answer.
 */
final class FaultyProxy implements AutoCloseable {
    private static final byte[] ACCESS_DENIED = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied"
            + "</Code><Message>Access Denied</Message></Error>").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int target;
    private final String method;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger seen = new AtomicInteger();
    private final Set<String> denied;

    FaultyProxy(int target, String method, int failures, Set<String> denied) throws IOException {
        this.denied = denied;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.method = method + " ";
        this.failuresLeft = new AtomicInteger(failures);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Requests with the method that reached the proxy, cut or forwarded. */
    int seen() {
        return seen.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean requests) {
        byte[] buffer = new byte[64 << 10];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                // A request starts a read of its own: the client waits for each answer before the next.
                String start = new String(buffer, 0, Math.min(n, 8), StandardCharsets.US_ASCII);
                String verb = start.contains(" ") ? start.substring(0, start.indexOf(' ')) : start;
                if (requests && denied.contains(verb)) {
                    byte[] body = verb.equals("HEAD") ? new byte[0] : ACCESS_DENIED;
                    OutputStream reply = from.getOutputStream();
                    reply.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
                            + (verb.equals("HEAD") ? 0 : body.length) + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    reply.write(body);
                    reply.flush();
                    return;
                }
                if (requests && new String(buffer, 0, Math.min(n, method.length()), StandardCharsets.US_ASCII).equals(method)) {
                    seen.incrementAndGet();
                    if (failuresLeft.getAndDecrement() > 0) {
                        from.close();
                        to.close();
                        return;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
