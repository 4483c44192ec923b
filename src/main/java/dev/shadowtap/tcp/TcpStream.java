package dev.shadowtap.tcp;

/**
 * One direction of a connection: where its byte stream stands. Small on purpose (a million idle
 * connections hold two each): out-of-order data lives in a {@link HeldData} made only when needed.
 */
final class TcpStream {
    private static final byte STARTED = 1;
    private static final byte EXACT_START = 2;
    private static final byte ENDED = 4;

    /** Sequence number of stream offset 0 (the byte after the SYN, or the first byte seen). */
    private int isn;
    /** Bytes delivered or reported as gaps: the stream offset of the next byte expected. */
    long position;
    private byte state;
    /** Out-of-order data and a FIN beyond a gap, or null while everything is in order. */
    HeldData held;

    void start(int initialSequence, boolean exact) {
        isn = initialSequence;
        state |= exact ? (byte) (STARTED | EXACT_START) : STARTED;
    }

    boolean started() {
        return (state & STARTED) != 0;
    }

    /** Started from a SYN (or from the ack of a SYN-ACK), so the first byte is known exactly. */
    boolean exactStart() {
        return (state & EXACT_START) != 0;
    }

    int isn() {
        return isn;
    }

    /** The sequence number of the next byte expected; 32-bit arithmetic wraps as TCP's does. */
    int nextSeq() {
        return isn + (int) position;
    }

    /** Stream offset of a sequence number, taking the nearer of its possible values (±2 GiB). */
    long offsetOf(int seq) {
        return position + (seq - nextSeq());
    }

    boolean ended() {
        return (state & ENDED) != 0;
    }

    void end() {
        state |= ENDED;
    }

    boolean waiting() {
        return held != null;
    }
}
