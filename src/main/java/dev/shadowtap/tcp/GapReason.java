package dev.shadowtap.tcp;

/** Why the reassembler gave up waiting for missing bytes and reported them as a gap. */
public enum GapReason {
    /** Out-of-order data waited longer than the expire time ({@code --input-raw-expire}). */
    EXPIRED("gap-expired"),
    /** Holding the out-of-order data would have exceeded the per-stream or global held-bytes cap. */
    HELD_LIMIT("gap-held-limit"),
    /** The connection ended (idle, evicted, replaced, end of input) while data still waited. */
    CONNECTION_END("gap-connection-end");

    private final String label;

    GapReason(String label) {
        this.label = label;
    }

    /** The reason's name in {@code --stats}: kebab-case. */
    public String label() {
        return label;
    }
}
