package dev.shadowtap.tcp;

import dev.shadowtap.core.Reason;

/** Why the reassembler gave up waiting for missing bytes and reported them as a gap. */
public enum GapReason {
    /** Out-of-order data waited longer than the expire time ({@code --input-raw-expire}). */
    EXPIRED(Reason.GAP_EXPIRED),
    /** Holding the out-of-order data would have exceeded the per-stream or global held-bytes cap. */
    HELD_LIMIT(Reason.GAP_HELD_LIMIT),
    /** The connection ended (idle, evicted, replaced, end of input) while data still waited. */
    CONNECTION_END(Reason.GAP_CONNECTION_END);

    private final Reason reason;

    GapReason(Reason reason) {
        this.reason = reason;
    }

    /** The drop reason a gap of this kind is counted under. */
    public Reason reason() {
        return reason;
    }

    /** The reason's name in {@code --stats}: kebab-case. */
    public String label() {
        return reason.label();
    }
}
