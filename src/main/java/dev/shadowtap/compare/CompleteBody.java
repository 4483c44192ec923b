package dev.shadowtap.compare;

import dev.shadowtap.http.HttpHead;

import java.util.Locale;

/**
 * Whether a raw HTTP response holds its whole body: not when {@code Content-Length} promises more
 * bytes than are present, nor when a chunked body lacks its last (zero-size) chunk. A cut body (a
 * replay's {@code --output-http-response-buffer}, a capture that lost the end) is not compared: it
 * would show as a change that is not one.
 */
final class CompleteBody {
    private CompleteBody() {
    }

    static boolean isComplete(HttpHead head, byte[] payload) {
        int status = head.status();
        if (status < 200 || status == 204 || status == 304) {
            return true; // no body
        }
        int from = Math.min(head.length(), payload.length);
        if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            return chunkedComplete(payload, from);
        }
        String length = head.header("Content-Length").orElse("").strip();
        if (length.isEmpty()) {
            return true; // read until the connection closed: whatever came is the body
        }
        try {
            return Long.parseLong(length) <= payload.length - from;
        } catch (NumberFormatException e) {
            return true; // unframed: compared as received
        }
    }

    /** Walks the chunks: true when the zero-size chunk is reached, false when the bytes run out first. */
    private static boolean chunkedComplete(byte[] b, int at) {
        int i = at;
        while (true) {
            int lineEnd = indexOfLf(b, i);
            if (lineEnd < 0) {
                return false;
            }
            long size = 0;
            int digits = 0;
            for (int j = i; j < lineEnd; j++) {
                int d = Character.digit(b[j], 16);
                if (d < 0) {
                    break; // chunk extension, CR
                }
                size = size * 16 + d;
                digits++;
                if (size > Integer.MAX_VALUE) {
                    return true; // nonsense framing: the decoder reports it as corrupt
                }
            }
            if (digits == 0) {
                return true; // nonsense framing: the decoder reports it as corrupt
            }
            if (size == 0) {
                return true;
            }
            long next = lineEnd + 1L + size;
            if (next >= b.length) {
                return false;
            }
            i = (int) next;
            if (b[i] == '\r') {
                i++;
            }
            if (i >= b.length || b[i] != '\n') {
                return i < b.length; // missing CRLF after the data: corrupt, not cut
            }
            i++;
        }
    }

    private static int indexOfLf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
