package dev.shadowtap.tcp;

/** Why the reassembler gave up waiting for missing bytes and reported them as a gap. */
public enum GapReason {
    /** Out-of-order data waited longer than the expire time ({@code --input-raw-expire}). */
    EXPIRED,
    /** Holding the out-of-order data would have exceeded the per-stream or global held-bytes cap. */
    HELD_LIMIT,
    /** The connection ended (idle, evicted, replaced, end of input) while data still waited. */
    CONNECTION_END
}
