package dev.shadowtap.packet;

import dev.shadowtap.core.Reason;

/**
 * What {@link PacketDecoder#decode} found in a frame. Everything but {@link #OK} and
 * {@link #PAYLOAD_TRUNCATED} is a frame the TCP layer skips; {@link #reason()} is the drop reason to
 * count it under.
 */
public enum DecodeStatus {
    /** A complete TCP segment: every field of the cursor is valid. */
    OK(null),
    /**
     * Link, IP and TCP headers are complete but the capture cut the payload (caplen &lt; len or a
     * short snaplen): the cursor is valid, {@code payloadLength} is what was captured and
     * {@code payloadMissing} what is not there.
     */
    PAYLOAD_TRUNCATED(Reason.TRUNCATED_PAYLOAD),
    /** Not IPv4 or IPv6 (ARP, LLDP, 802.3 length frames...). Link fields are valid. */
    NOT_IP(Reason.NOT_IP),
    /** IP but not TCP (UDP, ICMP, ESP...). Link and IP fields are valid. */
    NOT_TCP(Reason.NOT_TCP),
    /** An IPv4 or IPv6 fragment; IP fragments are not reassembled. Link and IP fields are valid. */
    FRAGMENT(Reason.IP_FRAGMENT),
    /** The frame ends inside a link, IP or TCP header. */
    TRUNCATED(Reason.TRUNCATED_HEADER),
    /** A header that cannot be right: wrong IP version, header length below the minimum... */
    MALFORMED(Reason.MALFORMED);

    private final Reason reason;

    DecodeStatus(Reason reason) {
        this.reason = reason;
    }

    /** The reason to count a skipped frame under, e.g. {@link Reason#IP_FRAGMENT}; none for {@link #OK}. */
    public Reason reason() {
        return reason;
    }

    /** True when the cursor holds a TCP segment whose payload can be reassembled. */
    public boolean isTcp() {
        return this == OK || this == PAYLOAD_TRUNCATED;
    }
}
