package dev.shadowtap.http;

import java.util.Objects;

/**
 * A stream that stopped being valid HTTP/1.x.
 *
 * @param reason        what went wrong
 * @param streamOffset  where the broken message started
 * @param errorOffset   the stream offset of the byte (or start of the line) found malformed
 * @param detail        one line for a log, without the offsets
 */
public record FramingError(Reason reason, long streamOffset, long errorOffset, String detail)
        implements FramingResult {

    public FramingError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Kinds of malformed stream; {@link #code()} is the kebab-case word, the label of the reason counted. */
    public enum Reason {
        BAD_START_LINE, BAD_HEADER, HEAD_TOO_LARGE, BAD_CONTENT_LENGTH, CONFLICTING_CONTENT_LENGTH,
        BAD_TRANSFER_ENCODING, BAD_CHUNK_SIZE, BAD_CHUNK_END, TRAILERS_TOO_LARGE, STREAM_ENDED, STREAM_GAP;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** One line: {@code bad-chunk-size at byte 57 (message at 0): ...}. */
    @Override
    public String toString() {
        return reason.code() + " at byte " + errorOffset + " (message at " + streamOffset + "): " + detail;
    }
}
