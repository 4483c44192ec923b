package dev.shadowtap.gor;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.HttpLines;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.nio.charset.StandardCharsets;

/**
 * The header line of one record, {@code type id timestamp[ latency[ extra]]}, parsed from bytes: the id
 * any non-empty run of hex digits, the numbers plain decimals that fit a long, the latency possibly
 * negative ({@code -1}: unknown), then any tokens kept as they are (GoReplay's readers split the line on
 * spaces and ignore what follows the fourth field; shadowtap writes HTTP/2's there, docs/HTTP2.md).
 */
sealed interface HeaderLine {
    /** Digits a timestamp or latency may have. */
    int MAX_NUMBER_DIGITS = 19;
    /** How far past the fourth field {@link #endAt} looks for the line's end: extra tokens are short. */
    int MAX_EXTRA = 1024;

    /** A well-formed header line; {@code extra} the tokens after the fourth field, "" when none. */
    record Valid(MessageType type, String id, long timestampNs, long latencyNs, String extra) implements HeaderLine {
    }

    /** Why a line is not a header: a one-line problem and the drop reason it is counted under. */
    record Problem(String problem, Reason reason) implements HeaderLine {
    }

    /** Parses b[from, nl), {@code nl} being the line's newline. */
    static HeaderLine parse(byte[] b, int from, int nl) {
        MessageType type = MessageType.fromCode(b[from]);
        if (type == null || from + 1 >= nl || b[from + 1] != ' ') {
            return new Problem("bad header line", Reason.BAD_HEADER);
        }
        int p = from + 2;
        while (p < nl && b[p] != ' ') {
            if (!isHex(b[p])) {
                return new Problem("non-hex id in header", Reason.BAD_ID);
            }
            p++;
        }
        int idEnd = p;
        if (idEnd == from + 2 || p >= nl) {
            return new Problem("bad header line", Reason.BAD_HEADER);
        }
        int tsEnd = numberEnd(b, p + 1, nl);
        long timestamp = tsEnd < 0 ? -1 : number(b, p + 1, tsEnd);
        if (timestamp < 0 || (tsEnd < nl && b[tsEnd] != ' ')) {
            return new Problem("bad timestamp in header", Reason.BAD_HEADER);
        }
        long latency = Message.NO_LATENCY;
        String extra = "";
        if (tsEnd < nl) {
            // GoReplay prints an int64: its dummy and HTTP inputs write -1
            boolean negative = tsEnd + 1 < nl && b[tsEnd + 1] == '-';
            int digits = negative ? tsEnd + 2 : tsEnd + 1;
            int latEnd = numberEnd(b, digits, nl);
            boolean more = latEnd >= 0 && latEnd < nl && b[latEnd] == ' ' && latEnd + 1 < nl;
            long magnitude = latEnd == nl || more ? number(b, digits, latEnd) : -1;
            if (magnitude < 0) {
                return new Problem("bad latency in header", Reason.BAD_HEADER);
            }
            latency = negative ? -magnitude : magnitude;
            if (more) {
                int extraEnd = nl > latEnd + 1 && b[nl - 1] == '\r' ? nl - 1 : nl;
                extra = new String(b, latEnd + 1, extraEnd - latEnd - 1, StandardCharsets.ISO_8859_1);
            }
        }
        return new Valid(type, new String(b, from + 2, idEnd - from - 2, StandardCharsets.ISO_8859_1),
                timestamp, latency, extra);
    }

    /**
     * The index of the newline ending a valid header line that starts at b[from], or -1; looks no
     * further than {@code to}. Cheap: the reader's test for a missing separator.
     */
    static int endAt(byte[] b, int from, int to) {
        if (to - from < 6 || MessageType.fromCode(b[from]) == null || b[from + 1] != ' ') {
            return -1;
        }
        int p = from + 2;
        while (p < to && isHex(b[p])) {
            p++;
        }
        if (p == from + 2 || p >= to || b[p] != ' ') {
            return -1;
        }
        int nl = HttpLines.indexOfLf(b, p, Math.min(to, p + 2 * MAX_NUMBER_DIGITS + 5 + MAX_EXTRA));
        return nl >= 0 && parse(b, from, nl) instanceof Valid ? nl : -1;
    }

    /** The end of the run of digits at b[from], or -1 when there is none or it is too long. */
    private static int numberEnd(byte[] b, int from, int to) {
        int p = from;
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p == from || p - from > MAX_NUMBER_DIGITS ? -1 : p;
    }

    /** The value of the digits b[from, to), or -1 when it does not fit a long. */
    private static long number(byte[] b, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            // value * 10 + d > Long.MAX_VALUE, without a division per digit
            if (value > Long.MAX_VALUE / 10 || (value == Long.MAX_VALUE / 10 && d > (int) (Long.MAX_VALUE % 10))) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Whether {@code c} is a hex digit, as {@code Character.digit(c, 16) >= 0} for a byte (ASCII only). */
    static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
