package dev.shadowtap.http2;

/** HTTP/2 frame types, flags and sizes (RFC 9113 4, 6) that a passive reader needs. */
final class Frames {
    static final int HEADER_LENGTH = 9;
    /** SETTINGS_MAX_FRAME_SIZE's initial value: the largest frame a resynchronising reader trusts. */
    static final int DEFAULT_MAX_FRAME = 16_384;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PUSH_PROMISE = 0x5;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY_FLAG = 0x20;

    static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;

    /** The client connection preface (3.4). */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** RST_STREAM and GOAWAY error codes (7), by value. */
    private static final String[] ERRORS = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
            "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
            "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};

    private Frames() {
    }

    /** An error code's name, or its decimal value when it has none. */
    static String errorName(long code) {
        return code >= 0 && code < ERRORS.length ? ERRORS[(int) code] : Long.toString(code);
    }

    static int length(byte[] h, int at) {
        return (h[at] & 0xff) << 16 | (h[at + 1] & 0xff) << 8 | (h[at + 2] & 0xff);
    }

    static int uint31(byte[] b, int at) {
        return (b[at] & 0x7f) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static long uint32(byte[] b, int at) {
        return uint31(b, at) | (long) (b[at] & 0x80) << 24;
    }
}
