package dev.shadowtap.tcp;

/**
 * Receives the reassembled byte streams. Calls come from the reassembler's single thread, in stream
 * order per direction; pair the directions by the {@link TcpConnection} object (or keep per-connection
 * state in its {@link TcpConnection#attach attachment}).
 */
public interface StreamListener {

    /** A new connection; {@link TcpConnection#midstream()} tells whether its SYN was missed. */
    void onOpen(TcpConnection connection);

    /**
     * The next bytes of one direction. The array is lent for the call only: copy what you keep.
     *
     * @param timestampNs capture time of the segment that carried these bytes
     */
    void onData(TcpConnection connection, Direction direction, byte[] bytes, int offset, int length, long timestampNs);

    /** {@code length} bytes of the direction are lost; the next {@link #onData} continues after them. */
    void onGap(TcpConnection connection, Direction direction, long length);

    /** The direction's FIN was reached: no more bytes will come from that end. */
    void onEnd(TcpConnection connection, Direction direction);

    /** The connection is gone; nothing more will be delivered for it. */
    void onClose(TcpConnection connection, CloseReason reason);
}
