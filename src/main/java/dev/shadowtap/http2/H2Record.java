package dev.shadowtap.http2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One side of a stream as a record that HTTP/1 code reads as it reads any other (see docs/HTTP2.md):
 * {@code METHOD path HTTP/2.0} or {@code HTTP/2.0 status reason}, {@code Host} from {@code :authority},
 * the other fields in wire order, the DATA bytes; a body with trailers as one chunk with
 * {@code Transfer-Encoding: chunked} added and the trailers after the last chunk, a body without them
 * framed by its {@code content-length} (added when the wire had none). What only HTTP/2 has goes into
 * the header line's extra tokens: {@code h2 stream=N pseudo=...} and, when they apply,
 * {@code scheme= protocol= framing= rst= unknown= upgrade}.
 */
public final class H2Record {
    /** The payload and the extra tokens of one record. */
    public record Built(byte[] payload, String tokens) {
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private H2Record() {
    }

    /** The request record, or null when its method or path is unknown (never guessed). */
    static Built request(H2Part part, int stream, String reset) {
        String method = part.value(":method");
        String path = "CONNECT".equals(method) && part.value(":path") == null ? part.value(":authority") : part.value(":path");
        if (method == null || path == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + part.kept());
        line(out, clean(method) + " " + clean(path) + " HTTP/2.0");
        String authority = part.value(":authority");
        if (authority != null) {
            field(out, "Host", authority);
        }
        return finish(out, part, stream, reset);
    }

    /** The response record, or null when its status is unknown. */
    static Built response(H2Part part, int stream, String reset) {
        String status = part.value(":status");
        if (status == null || status.length() != 3 || !Character.isDigit(status.charAt(0))) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + part.kept());
        line(out, "HTTP/2.0 " + status + " " + ReasonPhrase.of(status));
        return finish(out, part, stream, reset);
    }

    private static Built finish(ByteArrayOutputStream out, H2Part part, int stream, String reset) {
        StringBuilder pseudo = new StringBuilder();
        boolean hasLength = false;
        for (HeaderField f : part.fields) {
            if (f.pseudo()) {
                pseudo.append(pseudo.isEmpty() ? "" : ",").append(f.name(), 1, f.name().length());
            } else {
                hasLength |= f.name().equalsIgnoreCase("content-length");
                field(out, f.name(), f.value());
            }
        }
        String framing = null;
        boolean chunked = part.trailers != null;
        if (chunked) {
            field(out, "Transfer-Encoding", "chunked");
            framing = "chunked";
        } else if (part.dataLength > 0 && !hasLength) {
            field(out, "Content-Length", Long.toString(part.dataLength));
            framing = "length";
        }
        out.write(CRLF, 0, 2);
        if (chunked) {
            if (part.dataLength > 0) {
                line(out, Long.toHexString(part.dataLength));
                out.write(part.data(), 0, part.kept());
                if (!part.truncated()) {
                    out.write(CRLF, 0, 2);
                }
            }
            if (!part.truncated()) {
                line(out, "0");
                fields(out, part.trailers);
                out.write(CRLF, 0, 2);
            }
        } else {
            out.write(part.data(), 0, part.kept());
        }
        StringBuilder tokens = new StringBuilder("h2 stream=").append(stream);
        if (!pseudo.isEmpty()) {
            tokens.append(" pseudo=").append(pseudo);
        }
        token(tokens, "scheme", part.value(":scheme"));
        token(tokens, "protocol", part.value(":protocol"));
        token(tokens, "framing", framing);
        token(tokens, "rst", reset);
        int unknown = part.unknownFields;
        if (unknown > 0) {
            tokens.append(" unknown=").append(unknown);
        }
        return new Built(out.toByteArray(), tokens.toString());
    }

    private static void fields(ByteArrayOutputStream out, List<HeaderField> fields) {
        for (HeaderField f : fields) {
            if (!f.pseudo()) {
                field(out, f.name(), f.value());
            }
        }
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        line(out, clean(name) + ": " + clean(value));
    }

    private static void line(ByteArrayOutputStream out, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
        out.write(CRLF, 0, 2);
    }

    /** A value as one header line can hold it: CR, LF and NUL (malformed in HTTP/2 too, 8.2.1) become spaces. */
    private static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return s.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
            }
        }
        return s;
    }

    /** {@code key=value}, the value percent-encoded where it is not a visible ASCII character (or is %). */
    private static void token(StringBuilder tokens, String key, String value) {
        if (value == null) {
            return;
        }
        tokens.append(' ').append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 0x7f && c != '%') {
                tokens.append(c);
            } else {
                tokens.append('%').append(Character.forDigit((c >> 4) & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
    }
}
