package dev.shadowtap.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP/1.1 request of an h2c upgrade ({@code Upgrade: h2c}, answered 101) as stream 1 of the
 * HTTP/2 connection it became (RFC 7540 3.2): recorded in the form of every other captured HTTP/2
 * request ({@code METHOD target HTTP/2.0}, its headers but the hop-by-hop ones of the upgrade, its
 * body), with the tokens {@code h2 stream=1 upgrade}.
 */
final class H2Upgrade {
    static final String TOKENS = "h2 stream=1 upgrade";
    /** Connection-specific fields HTTP/2 forbids (RFC 9113 8.2.2), and the upgrade's own. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "upgrade", "http2-settings", "keep-alive",
            "proxy-connection");

    private H2Upgrade() {
    }

    /** Whether a request asks for an h2c upgrade. */
    static boolean asks(HttpHead head) {
        return head.request() && head.anyValueContains("Upgrade", "h2c") && head.hasHeader("HTTP2-Settings");
    }

    /** Whether a response accepts it. */
    static boolean accepted(HttpHead head) {
        return head.status() == 101 && head.anyValueContains("Upgrade", "h2c");
    }

    /** The request as stream 1's record. */
    static byte[] request(FramedMessage m) {
        HttpHead head = m.head();
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.raw().length);
        line(out, head.method() + " " + head.target() + " HTTP/2.0");
        for (HttpHeader h : head.headers()) {
            if (!HOP_BY_HOP.contains(h.name().toLowerCase(Locale.ROOT))) {
                line(out, h.name() + ": " + h.value());
            }
        }
        out.write('\r');
        out.write('\n');
        int body = m.bodyOffset();
        out.write(m.raw(), body, m.raw().length - body);
        return out.toByteArray();
    }

    /** The SETTINGS payload the {@code HTTP2-Settings} header carries (base64url), empty when unreadable. */
    static byte[] settings(HttpHead head) {
        String value = head.header("HTTP2-Settings").orElse("").trim();
        try {
            return Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static void line(ByteArrayOutputStream out, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
        out.write('\r');
        out.write('\n');
    }
}
