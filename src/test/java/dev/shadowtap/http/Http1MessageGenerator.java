package dev.shadowtap.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Builds random valid HTTP/1.x messages for property tests: random methods, targets, header case,
 * duplicate headers, CRLF or bare LF, bodies by Content-Length or chunked with extensions and trailers.
 */
final class Http1MessageGenerator {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
    private static final int[] STATUSES = {200, 201, 204, 301, 304, 400, 404, 500, 503};

    /** A generated message and, for a response, the method of the request it answers. */
    record Generated(byte[] bytes, String requestMethod, boolean interim) {
    }

    private final Random random;

    Http1MessageGenerator(Random random) {
        this.random = random;
    }

    Generated request() {
        String eol = eol();
        String method = pick(METHODS);
        StringBuilder head = new StringBuilder(method).append(" /").append(word()).append("?q=").append(word())
                .append(" HTTP/1.").append(random.nextInt(2)).append(eol);
        headers(head, eol);
        byte[] body = bytes(random.nextInt(4) == 0 ? 0 : random.nextInt(400));
        return switch (random.nextInt(3)) {
            case 0 -> new Generated(concat(head.append(eol).toString(), new byte[0]), method, false);
            case 1 -> new Generated(concat(head.append(name("Content-Length")).append(": ").append(body.length)
                    .append(eol).append(eol).toString(), body), method, false);
            default -> new Generated(chunked(head, eol, body), method, false);
        };
    }

    /** A response; when {@code mayCloseDelimit}, it may end with a body that runs to the end of the stream. */
    Generated response(boolean mayCloseDelimit) {
        String eol = eol();
        if (random.nextInt(6) == 0) {
            int status = random.nextBoolean() ? 100 : 103;
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Interim").append(eol);
            if (status == 103) {
                head.append("Link: </a.css>; rel=preload").append(eol);
            }
            return new Generated(head.append(eol).toString().getBytes(StandardCharsets.ISO_8859_1), "GET", true);
        }
        String method = random.nextInt(4) == 0 ? "HEAD" : "GET";
        int status = STATUSES[random.nextInt(STATUSES.length)];
        StringBuilder head = new StringBuilder("HTTP/1.").append(random.nextInt(2)).append(' ').append(status)
                .append(random.nextBoolean() ? " Reason Phrase" : "").append(eol);
        headers(head, eol);
        byte[] body = bytes(random.nextInt(3) == 0 ? 0 : random.nextInt(400));
        boolean bodiless = method.equals("HEAD") || status == 204 || status == 304;
        int form = random.nextInt(mayCloseDelimit ? 3 : 2);
        if (form == 0) {
            head.append(name("Content-Length")).append(": ").append(bodiless ? random.nextInt(1000) : body.length).append(eol);
            return new Generated(concat(head.append(eol).toString(), bodiless ? new byte[0] : body), method, false);
        }
        if (bodiless) {
            return new Generated(concat(head.append(eol).toString(), new byte[0]), method, false);
        }
        if (form == 1) {
            return new Generated(chunked(head, eol, body), method, false);
        }
        return new Generated(concat(head.append(eol).toString(), body), method, false);
    }

    private byte[] chunked(StringBuilder head, String eol, byte[] body) {
        head.append(name("Transfer-Encoding")).append(": ").append(random.nextBoolean() ? "chunked" : "gzip, chunked")
                .append(eol).append(eol);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        int pos = 0;
        while (pos < body.length) {
            int n = 1 + random.nextInt(body.length - pos);
            String size = Integer.toHexString(n);
            out.writeBytes(((random.nextBoolean() ? size : size.toUpperCase()) + ext() + eol).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, pos, n);
            out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
            pos += n;
        }
        StringBuilder tail = new StringBuilder("0").append(ext()).append(eol);
        for (int i = random.nextInt(3); i > 0; i--) {
            tail.append("X-Trailer-").append(i).append(": ").append(word()).append(eol);
        }
        out.writeBytes(tail.append(eol).toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private String ext() {
        return switch (random.nextInt(4)) {
            case 0 -> ";name=" + word();
            case 1 -> " ;a=\"q v\";b";
            default -> "";
        };
    }

    private void headers(StringBuilder head, String eol) {
        for (int i = random.nextInt(5); i > 0; i--) {
            String n = random.nextBoolean() ? "X-Dup" : "X-" + word();
            head.append(name(n)).append(':').append(random.nextBoolean() ? " " : "").append(word()).append(eol);
            if (random.nextInt(8) == 0) {
                head.append(random.nextBoolean() ? " " : "\t").append(word()).append(eol);
            }
        }
    }

    private String name(String n) {
        return switch (random.nextInt(3)) {
            case 0 -> n.toLowerCase();
            case 1 -> n.toUpperCase();
            default -> n;
        };
    }

    private String eol() {
        return random.nextInt(5) == 0 ? "\n" : "\r\n";
    }

    private String word() {
        StringBuilder s = new StringBuilder();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
