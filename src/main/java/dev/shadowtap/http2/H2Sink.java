package dev.shadowtap.http2;

/** Where a connection's records go, on the capture thread. */
public interface H2Sink {
    /**
     * One record: {@code payload} in the HTTP/1-shaped form {@link H2Record} builds, {@code tokens} the
     * extra header-line tokens that say what only HTTP/2 has.
     */
    void emit(boolean request, String id, long timestampNs, long spanNs, byte[] payload, String tokens);
}
