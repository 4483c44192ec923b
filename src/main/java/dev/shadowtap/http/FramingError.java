package dev.shadowtap.http;

import java.util.Objects;

/**
 * A stream that stopped being valid HTTP/1.x.
 *
 * @param reason        what went wrong
 * @param streamOffset  where the broken message started
 * @param errorOffset   the stream offset of the byte (or start of the line) found malformed
 * @param detail        one line for a log, without the offsets
 * @param method        a broken request's method when its start line was read (its response is framed
 *                      by it: HEAD, CONNECT), else ""
 */
public record FramingError(Reason reason, long streamOffset, long errorOffset, String detail, String method)
        implements FramingResult {

    public FramingError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(method, "method");
    }

    public FramingError(Reason reason, long streamOffset, long errorOffset, String detail) {
        this(reason, streamOffset, errorOffset, detail, "");
    }

    /**
     * Kinds of malformed stream; {@link #code()} is the kebab-case word in log lines, {@link #counted()}
     * the reason a capture counts it by (a gap or the stream's end cuts a message: {@code incomplete}).
     */
    public enum Reason {
        BAD_START_LINE(dev.shadowtap.core.Reason.BAD_START_LINE),
        BAD_HEADER(dev.shadowtap.core.Reason.BAD_HEADER),
        HEAD_TOO_LARGE(dev.shadowtap.core.Reason.HEAD_TOO_LARGE),
        BAD_CONTENT_LENGTH(dev.shadowtap.core.Reason.BAD_CONTENT_LENGTH),
        CONFLICTING_CONTENT_LENGTH(dev.shadowtap.core.Reason.CONFLICTING_CONTENT_LENGTH),
        BAD_TRANSFER_ENCODING(dev.shadowtap.core.Reason.BAD_TRANSFER_ENCODING),
        BAD_CHUNK_SIZE(dev.shadowtap.core.Reason.BAD_CHUNK_SIZE),
        BAD_CHUNK_END(dev.shadowtap.core.Reason.BAD_CHUNK_END),
        TRAILERS_TOO_LARGE(dev.shadowtap.core.Reason.TRAILERS_TOO_LARGE),
        STREAM_ENDED(dev.shadowtap.core.Reason.INCOMPLETE),
        /** Not an error of the stream: it is HTTP/2 with prior knowledge, which no HTTP/1 message is. */
        HTTP2_PREFACE(dev.shadowtap.core.Reason.TUNNEL),
        STREAM_GAP(dev.shadowtap.core.Reason.INCOMPLETE);

        private final dev.shadowtap.core.Reason counted;

        Reason(dev.shadowtap.core.Reason counted) {
            this.counted = counted;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public dev.shadowtap.core.Reason counted() {
            return counted;
        }
    }

    /** One line: {@code bad-chunk-size at byte 57 (message at 0): ...}. */
    @Override
    public String toString() {
        return reason.code() + " at byte " + errorOffset + " (message at " + streamOffset + "): " + detail;
    }
}
