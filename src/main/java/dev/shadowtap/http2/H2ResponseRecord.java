package dev.shadowtap.http2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A response the HTTP/2 replay received, assembled as it arrives (status and fields, DATA, trailers)
 * and written in the record form the capture writes ({@link H2Record}), so a replayed reply and the
 * recorded response read alike: {@code HTTP/2.0 200 OK}, the fields in order, the body, trailers as a
 * chunked trailer section. Not thread-safe: one stream's callbacks fill it one after another.
 */
public final class H2ResponseRecord {
    private final H2Part part = new H2Part();
    private final int maxBody;
    private final int status;
    private byte[] scratch = new byte[0];

    /** {@code maxBody}: DATA bytes kept; the rest is counted, and the record says it was truncated. */
    public H2ResponseRecord(int status, int maxBody) {
        this.maxBody = maxBody;
        this.status = status;
        part.fields.add(new HeaderField(":status", Integer.toString(status)));
    }

    /** A response field, in the order received. */
    public void field(String name, String value) {
        part.fields.add(new HeaderField(name, value == null ? "" : value));
    }

    /** DATA bytes (the buffer's remaining bytes, left unconsumed). */
    public void data(ByteBuffer data) {
        int n = data.remaining();
        if (data.hasArray()) {
            part.data(data.array(), data.arrayOffset() + data.position(), data.arrayOffset() + data.limit(), maxBody);
            return;
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, 2 * scratch.length)];
        }
        data.duplicate().get(scratch, 0, n);
        part.data(scratch, 0, n, maxBody);
    }

    /** A trailer field, in the order received. */
    public void trailer(String name, String value) {
        if (part.trailers == null) {
            part.trailers = new ArrayList<>();
        }
        part.trailers.add(new HeaderField(name, value == null ? "" : value));
    }

    public int status() {
        return status;
    }

    /** Whether body bytes were dropped past {@code maxBody}. */
    public boolean truncated() {
        return part.truncated();
    }

    /** The record's payload and tokens ({@code h2 stream=N pseudo=status ...}); {@code reset}: an RST_STREAM code's name, or null. */
    public H2Record.Built build(int stream, String reset) {
        H2Record.Built built = H2Record.response(part, stream, reset);
        if (built == null) {
            throw new IllegalStateException("a response without a valid status: " + part.fields);
        }
        return built;
    }

    /** The trailers received so far (empty when none). */
    public List<HeaderField> trailers() {
        return part.trailers == null ? List.of() : List.copyOf(part.trailers);
    }
}
