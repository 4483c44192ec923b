package dev.shadowtap.pipeline;

import dev.shadowtap.core.Connection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record travelling through the pipeline: a request, its original response or a replayed
 * response. Immutable by contract: whoever changes a payload makes a new Message with
 * {@link #withPayload}; nobody writes into {@link #payload()}.
 *
 * @param type        request, response or replayed response
 * @param id          hex id shared by a request and its responses, kept as read (24 or 40 digits)
 * @param timestampNs wall-clock time the message started, nanoseconds since the epoch
 * @param latencyNs   the fourth header field: for a captured message (types 1 and 2) the time from
 *                    its first to its last packet, as GoReplay 1.2+ writes it; for a replayed
 *                    response (type 3) the round trip; {@link #UNKNOWN_LATENCY} where unknown;
 *                    {@link #NO_LATENCY} when the record has no fourth field (GoReplay before 1.2
 *                    left a -1 out, shadowtap's requests before 4 fields were written: read as they are)
 * @param payload     the raw HTTP message, byte for byte
 * @param connection  the connection it travelled on, or {@link Connection#UNKNOWN}
 * @param receipt     who waits to learn that the outputs took it ({@link Receipt#NONE}: nobody); not
 *                    part of equality
 * @param extra       the header line's tokens after its four fields, space-separated, kept as read and
 *                    written back ("" when none): what only some records carry, such as HTTP/2's
 *                    {@code h2 stream=1} (docs/HTTP2.md); GoReplay's readers ignore them
 */
public record Message(MessageType type, String id, long timestampNs, long latencyNs, byte[] payload,
                      Connection connection, Receipt receipt, String extra) {
    /** Latency of a record whose header has three fields: nothing is written for it. */
    public static final long NO_LATENCY = Long.MIN_VALUE;
    /** GoReplay's {@code -1}: a fourth field that says the latency is not known (its dummy and HTTP inputs). */
    public static final long UNKNOWN_LATENCY = -1;

    public Message {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(extra, "extra");
    }

    public Message(MessageType type, String id, long timestampNs, long latencyNs, byte[] payload,
                   Connection connection, Receipt receipt) {
        this(type, id, timestampNs, latencyNs, payload, connection, receipt, "");
    }

    public Message(MessageType type, String id, long timestampNs, long latencyNs, byte[] payload,
                   Connection connection) {
        this(type, id, timestampNs, latencyNs, payload, connection, Receipt.NONE);
    }

    public Message(MessageType type, String id, long timestampNs, long latencyNs, byte[] payload) {
        this(type, id, timestampNs, latencyNs, payload, Connection.UNKNOWN);
    }

    /** Whether the header has a fourth field (GoReplay 1.2 and later write it on every record). */
    public boolean hasLatency() {
        return latencyNs != NO_LATENCY;
    }

    public boolean isRequest() {
        return type == MessageType.REQUEST;
    }

    public Message withPayload(byte[] newPayload) {
        return new Message(type, id, timestampNs, latencyNs, newPayload, connection, receipt, extra);
    }

    public Message withTimestamp(long newTimestampNs) {
        return new Message(type, id, newTimestampNs, latencyNs, payload, connection, receipt, extra);
    }

    /** This message, carrying {@code newReceipt}. */
    public Message withReceipt(Receipt newReceipt) {
        return new Message(type, id, timestampNs, latencyNs, payload, connection, newReceipt, extra);
    }

    /** This message with the header line's extra tokens {@code newExtra} ("" for none). */
    public Message withExtra(String newExtra) {
        return new Message(type, id, timestampNs, latencyNs, payload, connection, receipt, newExtra);
    }

    /** Whether the header line carries tokens after its four fields. */
    public boolean hasExtra() {
        return !extra.isEmpty();
    }

    /**
     * The .gor header line without its newline: {@code type id timestamp[ latency[ extra]]}; extra tokens
     * need the fourth field, written as GoReplay's {@code -1} when the latency is not known.
     */
    public String header() {
        String four = hasLatency() || hasExtra()
                ? type.code() + " " + id + " " + timestampNs + " " + (hasLatency() ? latencyNs : UNKNOWN_LATENCY)
                : type.code() + " " + id + " " + timestampNs;
        return hasExtra() ? four + " " + extra : four;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && type == m.type && id.equals(m.id) && timestampNs == m.timestampNs
                && latencyNs == m.latencyNs && Arrays.equals(payload, m.payload) && connection.equals(m.connection)
                && extra.equals(m.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, timestampNs, latencyNs, Arrays.hashCode(payload), connection, extra);
    }

    @Override
    public String toString() {
        int shown = Math.min(payload.length, 60);
        return "Message[" + header() + ", " + payload.length + " bytes: "
                + new String(payload, 0, shown, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n") + "]";
    }
}
