package dev.shadowtap.http;

/**
 * The body of the message a framer is in, read the way its head said (Content-Length bytes, chunked,
 * or until the stream closes), its bytes appended to the message up to a cap, or only counted when
 * the message is followed to its end without being kept. One per framer, reused for every message.
 */
final class MessageBody {
    private final ChunkedBody chunks;

    private Http1BodyKind kind;
    private boolean keep;
    private int cap;
    private long wire;
    private long content;
    private long remaining;

    MessageBody(FramingBuffer line, int maxLineBytes) {
        this.chunks = new ChunkedBody(line, maxLineBytes);
    }

    /**
     * Begins a body of this kind ({@code length}: a Content-Length body's), appended to the message up
     * to {@code cap} bytes in all when {@code keep}.
     */
    void begin(Http1BodyKind kind, long length, int cap, boolean keep) {
        this.kind = kind;
        this.cap = cap;
        this.keep = keep;
        wire = 0;
        content = kind == Http1BodyKind.CONTENT_LENGTH ? length : 0;
        remaining = length;
        if (kind == Http1BodyKind.CHUNKED) {
            chunks.begin();
        }
    }

    /** Whether the body is whole (a close-delimited one never is before the stream ends). */
    boolean done() {
        return switch (kind) {
            case NONE -> true;
            case CONTENT_LENGTH -> remaining == 0;
            case CHUNKED -> chunks.done();
            case CLOSE_DELIMITED -> false;
        };
    }

    /** A chunked body's problem, or null. */
    ChunkedBody.Problem problem() {
        return kind == Http1BodyKind.CHUNKED ? chunks.problem() : null;
    }

    /**
     * Consumes body bytes from {@code b[p, end)} into {@code message}, {@code position} being the
     * stream offset of {@code b[p]}; returns where it stopped.
     */
    int step(byte[] b, int p, int end, long position, FramingBuffer message) {
        int q = switch (kind) {
            case NONE -> p;
            case CONTENT_LENGTH -> {
                int n = (int) Math.min(remaining, end - p);
                remaining -= n;
                yield p + n;
            }
            case CHUNKED -> chunks.step(b, p, end, position);
            case CLOSE_DELIMITED -> {
                content += end - p;
                yield end;
            }
        };
        if (keep) {
            message.append(b, p, q - p, cap);
        }
        wire += q - p;
        if (kind == Http1BodyKind.CHUNKED && chunks.done()) {
            content = chunks.content();
        }
        return q;
    }

    Http1BodyKind kind() {
        return kind;
    }

    /** Body bytes on the wire so far. */
    long wire() {
        return wire;
    }

    /** The decoded body's length so far. */
    long content() {
        return content;
    }

    /** Why a stream that ends now cuts this body. */
    String endedDetail() {
        return kind == Http1BodyKind.CONTENT_LENGTH ? "stream ended " + remaining + " bytes before the end of the body"
                : "stream ended inside the chunked body";
    }
}
