package dev.shadowtap.http;

import java.nio.charset.StandardCharsets;

/** Byte-level character rules of HTTP/1.x heads: token bytes, the whitespace trimmed off values, text for messages. */
final class HttpText {
    /** RFC 9110 tchar, by ASCII code; a constant table (a string search per name byte was the parse's top cost). */
    private static final boolean[] TCHAR = new boolean[128];
    /** {@link Character#isWhitespace} of each ISO-8859-1 char, as a table (a call chain per value byte otherwise). */
    private static final boolean[] STRIPPED = new boolean[256];

    static {
        for (int c = 0; c < 128; c++) {
            TCHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
        for (int c = 0; c < 256; c++) {
            STRIPPED[c] = Character.isWhitespace((char) c);
        }
    }

    private HttpText() {
    }

    static boolean isTchar(byte c) {
        return c >= 0 && TCHAR[c];
    }

    /** What {@link String#strip()} removes, for one ISO-8859-1 byte. */
    static boolean isStripped(byte c) {
        return STRIPPED[c & 0xff];
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The bytes as text for an error message: control and non-ASCII bytes as {@code \xHH}. */
    static String printable(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
