package dev.shadowtap.tcp;

/** Why a connection ended. */
public enum CloseReason {
    /** Both ends sent a FIN and every byte before them was delivered or reported as a gap. */
    FIN,
    /** A RST: in-order data was delivered first, held out-of-order data was dropped and counted. */
    RST,
    /** No segment for longer than the idle timeout. */
    IDLE,
    /** Evicted, oldest first, to stay under the connection cap. */
    EVICTED,
    /** A new SYN with another initial sequence number reused the 4-tuple. */
    REPLACED,
    /** The input ended ({@link TcpReassembler#finish}). */
    END
}
