package dev.shadowtap.http;

import java.util.Arrays;
import java.util.Objects;

/**
 * One complete HTTP/1.x message as it travelled the stream.
 *
 * @param streamOffset  offset of the first byte in the stream
 * @param raw           the message byte for byte as received: head, then body framing and body (chunk
 *                      size lines, extensions, trailers included). When {@link #truncated()}, only the
 *                      head and the first {@link FramingLimits#maxBodyBytes()} bytes after it.
 *                      Owned by this record: nobody writes into it.
 * @param head          the parsed head; {@code head.length()} is where the body section starts in raw
 * @param bodyKind      how the body's end was found
 * @param wireLength    bytes the whole message took on the stream (head and body section)
 * @param contentLength body bytes after removing chunk framing (for CONTENT_LENGTH: the header value)
 * @param truncated     the body section was longer than the limit; raw holds a prefix of it
 */
public record FramedMessage(long streamOffset, byte[] raw, HttpHead head, Http1BodyKind bodyKind,
                            long wireLength, long contentLength, boolean truncated) implements FramingResult {

    public FramedMessage {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(bodyKind, "bodyKind");
    }

    /** Offset in {@link #raw()} of the first byte after the head. */
    public int bodyOffset() {
        return head.length();
    }

    /** A 1xx response (not 101): the final response to the same request follows. */
    public boolean interim() {
        return head.isInterim();
    }

    public boolean closeDelimited() {
        return bodyKind == Http1BodyKind.CLOSE_DELIMITED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FramedMessage m && streamOffset == m.streamOffset && Arrays.equals(raw, m.raw)
                && head.equals(m.head) && bodyKind == m.bodyKind && wireLength == m.wireLength
                && contentLength == m.contentLength && truncated == m.truncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamOffset, Arrays.hashCode(raw), head, bodyKind, wireLength, contentLength, truncated);
    }

    @Override
    public String toString() {
        return "FramedMessage[@" + streamOffset + " " + head.startLine() + " " + bodyKind + " content=" + contentLength
                + " wire=" + wireLength + (truncated ? " truncated" : "") + "]";
    }
}
