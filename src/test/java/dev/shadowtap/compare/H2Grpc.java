package dev.shadowtap.compare;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * gRPC exchanges as HTTP/2 capture writes them (docs/HTTP2.md): {@code POST /pkg.Svc/Method HTTP/2.0}
 * with {@code Host} from {@code :authority} and the fields in wire order, the body framed by its
 * content-length; a response with trailers as one chunk with {@code Transfer-Encoding: chunked} added
 * and the trailers after the last chunk; a trailers-only response with its status among the headers.
 */
final class H2Grpc {
    private H2Grpc() {
    }

    static byte[] request(String method, byte[] body) {
        return concat(ascii("POST " + method + " HTTP/2.0\r\nHost: orders.internal:50051\r\ncontent-type: application/grpc\r\n"
                + "user-agent: grpc-java-netty/1.85.1\r\nte: trailers\r\ngrpc-accept-encoding: gzip\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n"), body);
    }

    /** A response with its messages' frames as the body and the status in the trailers. */
    static byte[] response(String encoding, byte[] frames, String status, String message) {
        String head = "HTTP/2.0 200 OK\r\ncontent-type: application/grpc\r\n"
                + (encoding == null ? "" : "grpc-encoding: " + encoding + "\r\n") + "Transfer-Encoding: chunked\r\n\r\n";
        String trailers = "0\r\ngrpc-status: " + status + "\r\n" + (message == null ? "" : "grpc-message: " + message + "\r\n")
                + "\r\n";
        if (frames.length == 0) {
            return ascii(head + trailers);
        }
        return concat(ascii(head + Integer.toHexString(frames.length) + "\r\n"), frames, ascii("\r\n" + trailers));
    }

    /** An error without messages: the status among the headers. */
    static byte[] trailersOnly(String status, String message) {
        return ascii("HTTP/2.0 200 OK\r\ncontent-type: application/grpc\r\ngrpc-status: " + status + "\r\n"
                + "grpc-message: " + message + "\r\n\r\n");
    }

    /** Each message behind its 5-byte prefix, uncompressed. */
    static byte[] frames(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.writeBytes(frame(false, m));
        }
        return out.toByteArray();
    }

    static byte[] frame(boolean compressed, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(compressed ? 1 : 0);
        out.write(message.length >>> 24);
        out.write(message.length >>> 16);
        out.write(message.length >>> 8);
        out.write(message.length);
        out.writeBytes(message);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
