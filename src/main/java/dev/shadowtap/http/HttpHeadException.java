package dev.shadowtap.http;

/**
 * A message head that is not HTTP/1.x: says what is wrong and at which byte of the head. Thrown only
 * by {@link HttpHead#parse}; the framer turns it into a {@link FramingError} and never throws it on.
 */
public final class HttpHeadException extends RuntimeException {
    private final FramingError.Reason reason;
    private final int index;

    public HttpHeadException(FramingError.Reason reason, int index, String detail) {
        // malformed heads are routine on a tap: no stack trace to fill
        super(detail + " at byte " + index + " of the head", null, false, false);
        this.reason = reason;
        this.index = index;
    }

    public FramingError.Reason reason() {
        return reason;
    }

    /** Index of the offending byte, counted from the first byte of the head. */
    public int index() {
        return index;
    }

    /** The detail without the position. */
    public String detail() {
        String m = getMessage();
        return m.substring(0, m.lastIndexOf(" at byte "));
    }
}
