package dev.shadowtap.io.raw;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.Http1Framer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client on a plain socket, so a test knows every byte it sent and received: requests are written
 * as given (one at a time, or several in one write for pipelining), the answer is framed back into
 * the responses exactly as they came over the wire, interim 1xx ones included.
 */
final class RawClient implements AutoCloseable {
    /** One request as sent, and its responses as received (a 100 Continue, then the final one). */
    record Exchange(byte[] request, List<byte[]> responses) {
        String requestText() {
            return new String(request, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Http1Framer framer = Http1Framer.forResponses(new FramingLimits(64 * 1024, 64 << 20));
    private final List<FramedMessage> framed = new ArrayList<>();
    private final byte[] buf = new byte[64 * 1024];

    RawClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: shadowtap.test\r\nUser-Agent: raw-client\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] post(String path, byte[] body, boolean expectContinue) {
        byte[] head = postHead(path, body.length, expectContinue);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static byte[] postHead(String path, int length, boolean expectContinue) {
        return ("POST " + path + " HTTP/1.1\r\nHost: shadowtap.test\r\nContent-Type: application/octet-stream\r\n"
                + (expectContinue ? "Expect: 100-continue\r\n" : "") + "Content-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends one request and waits for its final response. */
    Exchange send(byte[] request) throws IOException {
        framer.expectResponseTo(method(request));
        out.write(request);
        out.flush();
        return new Exchange(request, responses(1));
    }

    /** Writes every request in one write, then reads their responses, in order. */
    List<Exchange> pipeline(List<byte[]> requests) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] r : requests) {
            framer.expectResponseTo(method(r));
            all.write(r);
        }
        out.write(all.toByteArray());
        out.flush();
        List<byte[]> responses = responses(requests.size());
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            exchanges.add(new Exchange(requests.get(i), List.of(responses.get(i))));
        }
        return exchanges;
    }

    /** Sends the head with Expect: 100-continue, waits for the 100, sends the body, reads the final response. */
    Exchange sendExpectingContinue(String path, byte[] body) throws IOException {
        byte[] head = postHead(path, body.length, true);
        framer.expectResponseTo("POST");
        out.write(head);
        out.flush();
        List<byte[]> responses = new ArrayList<>(interim());
        out.write(body);
        out.flush();
        responses.addAll(responses(1));
        return new Exchange(post(path, body, true), responses);
    }

    private List<byte[]> interim() throws IOException {
        while (framed.isEmpty()) {
            read();
        }
        FramedMessage m = framed.removeFirst();
        if (!m.interim()) {
            throw new IOException("expected 100 Continue, got " + m);
        }
        return List.of(m.raw());
    }

    private List<byte[]> responses(int finals) throws IOException {
        List<byte[]> got = new ArrayList<>();
        int seen = 0;
        while (seen < finals) {
            while (framed.isEmpty()) {
                read();
            }
            FramedMessage m = framed.removeFirst();
            got.add(m.raw());
            if (!m.interim()) {
                seen++;
            }
        }
        return got;
    }

    private void read() throws IOException {
        int n = in.read(buf);
        if (n < 0) {
            throw new IOException("server closed the connection");
        }
        framer.feed(buf, 0, n, r -> {
            if (r instanceof FramedMessage m) {
                framed.add(m);
            } else {
                throw new IllegalStateException("client could not frame the response: " + r);
            }
        });
    }

    private static String method(byte[] request) {
        String s = new String(request, 0, Math.min(request.length, 16), StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf(' '));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
