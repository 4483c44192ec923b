package dev.shadowtap.http2;

/**
 * Where frames start in bytes taken from the middle of an HTTP/2 stream (a capture that joined a
 * connection late, the bytes after a gap): at the first offset from which {@link #CHAIN} frame headers,
 * each where the previous frame ends, are all plausible as a sender writes them (a known type, only
 * its defined flags, the stream id and length its type requires, a length within the default maximum
 * frame size). HTTP/1 text never passes: a frame header's length starts with a zero byte.
 */
public final class FrameChain {
    /** Frame headers in a row that make a boundary certain enough. */
    static final int CHAIN = 3;
    private static final int NEED_MORE = -2;
    private static final int NONE = -1;

    private static final int[] FLAGS = {
            Frames.END_STREAM | Frames.PADDED, // DATA
            Frames.END_STREAM | Frames.END_HEADERS | Frames.PADDED | Frames.PRIORITY_FLAG, // HEADERS
            0, 0, Frames.ACK, Frames.END_HEADERS | Frames.PADDED, Frames.ACK, 0, 0, Frames.END_HEADERS};

    private FrameChain() {
    }

    /**
     * The first offset in {@code b[from, to)} that starts a chain, or, when none does yet,
     * {@code -1 - keep}: no offset before {@code keep} can start one, and more bytes decide from it.
     * A chain of fewer headers whose last frame ends exactly where the bytes end counts too (a quiet
     * connection's last segment ends at a frame's end), but never a single header.
     */
    public static int find(byte[] b, int from, int to) {
        int undecided = -1;
        for (int at = from; at + Frames.HEADER_LENGTH <= to; at++) {
            int verdict = chainAt(b, at, to);
            if (verdict >= 0) {
                return at;
            }
            if (verdict == NEED_MORE && undecided < 0) {
                undecided = at;
            }
        }
        return -1 - (undecided >= 0 ? undecided : Math.max(from, to - Frames.HEADER_LENGTH + 1));
    }

    /** {@code at}, {@link #NEED_MORE} or {@link #NONE}, for a chain starting at {@code at}. */
    private static int chainAt(byte[] b, int at, int to) {
        int p = at;
        for (int i = 0; i < CHAIN; i++) {
            if (p == to && i >= 2) {
                return at;
            }
            if (p + Frames.HEADER_LENGTH > to) {
                return NEED_MORE;
            }
            if (!plausible(b, p, i == 0)) {
                return NONE;
            }
            p += Frames.HEADER_LENGTH + Frames.length(b, p);
        }
        return at;
    }

    /** Whether the 9 bytes at {@code at} are a frame header as senders write them. */
    static boolean plausible(byte[] b, int at, boolean first) {
        int length = Frames.length(b, at);
        int type = b[at + 3] & 0xff;
        int flags = b[at + 4] & 0xff;
        if (length > Frames.DEFAULT_MAX_FRAME || type > Frames.CONTINUATION || (flags & ~FLAGS[type]) != 0
                || (b[at + 5] & 0x80) != 0) {
            return false;
        }
        boolean connection = Frames.uint31(b, at + 5) == 0;
        return switch (type) {
            case Frames.DATA, Frames.HEADERS, Frames.PUSH_PROMISE -> !connection;
            case Frames.PRIORITY -> !connection && length == 5;
            case Frames.RST_STREAM -> !connection && length == 4;
            case Frames.SETTINGS -> connection && length % 6 == 0 && ((flags & Frames.ACK) == 0 || length == 0);
            case Frames.PING -> connection && length == 8;
            case Frames.GOAWAY -> connection && length >= 8;
            case Frames.WINDOW_UPDATE -> length == 4;
            default -> !connection && !first; // CONTINUATION only follows a header block begun before
        };
    }
}
