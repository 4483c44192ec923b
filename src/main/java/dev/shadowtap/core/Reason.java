package dev.shadowtap.core;

/**
 * Why a stage dropped, mended or passed over a message: the one vocabulary of {@link StageStats},
 * {@code --stats}, the exit summary and the replay outcomes. Each constant's {@link #label()} is the
 * kebab-case word users read, and its {@link #toString()} too, so a map keyed by reasons prints as
 * the labels always did. Grouped by the stage that counts it; a label may be counted by several.
 */
public enum Reason {
    // pipeline: queues, outputs, limits
    QUEUE_FULL("queue-full"),
    OUTPUT_CLOSED("output-closed"),
    OUTPUT_GONE("output-gone"),
    WRITE_ERROR("write-error"),
    UPLOAD_ERROR("upload-error"),
    // Kafka output: no broker took the message in time (buffer full, or delivery timed out)
    KAFKA_UNAVAILABLE("kafka-unavailable"),
    // Kafka input: a message that is not GoReplay's JSON form
    BAD_JSON("bad-json"),
    // Kafka input in a group: fetched, not handed on, because its partition moved to another member (which replays it)
    PARTITION_MOVED("partition-moved"),
    NO_OUTPUT("no-output"),
    RATE_LIMIT("rate-limit"),
    RATE_LIMIT_RESPONSE("rate-limit-response"),
    SAMPLED_OUT("sampled-out"),
    SAMPLED_OUT_RESPONSE("sampled-out-response"),

    // .gor files, read and written
    TRUNCATED("truncated"),
    TRUNCATED_GZIP("truncated-gzip"),
    CORRUPT_GZIP("corrupt-gzip"),
    BAD_HEADER("bad-header"),
    BAD_ID("bad-id"),
    OVERSIZED("oversized"),
    MISSING_SEPARATOR("missing-separator"),
    READ_ERROR("read-error"),
    UNREADABLE_FILE("unreadable-file"),
    MAX_SIZE("max-size"),

    // HTTP filters and rewrites
    UNPARSEABLE("unparseable"),
    RESPONSE_OF_FILTERED("response-of-filtered"),
    TRANSFORM_ERROR("transform-error"),
    FILTERED_AUTH("filtered-auth"),
    FILTERED_HEADER("filtered-header"),
    FILTERED_METHOD("filtered-method"),
    FILTERED_URL("filtered-url"),
    SAMPLED_OUT_HEADER("sampled-out-header"),
    SAMPLED_OUT_PARAM("sampled-out-param"),

    // middleware
    BAD_HEX("bad-hex"),
    ODD_LENGTH("odd-length"),
    TOO_LARGE("too-large"),

    // HTTP replay
    NOT_A_REQUEST("not-a-request"),
    UNSENT_AT_CLOSE("unsent-at-close"),
    IN_FLIGHT_AT_CLOSE("in-flight-at-close"),
    REPLY_UNREAD("reply-unread"),
    BAD_REQUEST("bad-request"),
    BAD_RESPONSE("bad-response"),
    CLOSED_EARLY("closed-early"),
    TIMEOUT("timeout"),
    RESET("reset"),
    // an HTTP/2 target reset the replayed stream (RST_STREAM; the log line names its error code)
    STREAM_RESET("stream-reset"),
    // an HTTP/2 replay's connection closed before the target's SETTINGS: it does not speak HTTP/2 there
    NOT_HTTP2("not-http2"),
    IO_ERROR("io-error"),
    TLS_ERROR("tls-error"),
    CONNECT_REFUSED("connect-refused"),
    CONNECT_UNREACHABLE("connect-unreachable"),
    CONNECT_TIMEOUT("connect-timeout"),
    CONNECT_ERROR("connect-error"),
    UNKNOWN_HOST("unknown-host"),
    INTERNAL_ERROR("internal-error"),

    // TCP between instances (--output-tcp, --input-tcp)
    PEER_DOWN("peer-down"),
    NOT_ORIGINAL("not-original"),
    TLS_REFUSED("tls-refused"),
    PEER_REFUSED("peer-refused"),

    // comparison
    NO_REFERENCE("no-reference"),
    NO_CANDIDATE("no-candidate"),
    NO_REQUEST("no-request"),
    TABLE_FULL("table-full"),
    EXPIRED("expired"),
    NOT_HTTP("not-http"),
    TRUNCATED_REFERENCE("truncated-reference"),
    TRUNCATED_CANDIDATE("truncated-candidate"),
    REPORT_WRITE_ERROR("report-write-error"),

    // capture: engines, pcap files, frame selection, packet decoding
    CAPTURE_ERROR("capture-error"),
    CORRUPT_RECORD("corrupt-record"),
    CORRUPT_BLOCK("corrupt-block"),
    TRUNCATED_FILE("truncated-file"),
    UNKNOWN_LINK_TYPE("unknown-link-type"),
    VXLAN_TRUNCATED("vxlan-truncated"),
    VXLAN_NO_VNI("vxlan-no-vni"),
    VXLAN_VNI_FILTERED("vxlan-vni-filtered"),
    VLAN_TAGGED("vlan-tagged"),
    VLAN_NOT_SELECTED("vlan-not-selected"),
    IGNORED_INTERFACE("ignored-interface"),
    TRUNCATED_PAYLOAD("truncated-payload"),
    NOT_IP("not-ip"),
    NOT_TCP("not-tcp"),
    IP_FRAGMENT("ip-fragment"),
    TRUNCATED_HEADER("truncated-header"),
    MALFORMED("malformed"),

    // HTTP pairing: a connection that became a tunnel (101, 2xx to CONNECT), counted once, skipped as HTTP
    TUNNEL("tunnel"),

    // TCP reassembly (the first four only name bytes not delivered, never a message dropped)
    RETRANSMITTED("retransmitted"),
    OVERLAPPING("overlapping"),
    AFTER_CLOSE("after-close"),
    NO_CONNECTION("no-connection"),
    OUT_OF_WINDOW("out-of-window"),
    RST_DROPPED("rst-dropped"),
    GAP_EXPIRED("gap-expired"),
    GAP_HELD_LIMIT("gap-held-limit"),
    GAP_CONNECTION_END("gap-connection-end"),

    // HTTP framing of captured streams
    INCOMPLETE("incomplete"),
    RESPONSE_WITHOUT_REQUEST("response-without-request"),
    /** The answer to a request that was dropped (unframeable, cut): it has no request to pair with. */
    RESPONSE_TO_LOST_REQUEST("response-to-lost-request"),
    BAD_START_LINE("bad-start-line"),
    HEAD_TOO_LARGE("head-too-large"),
    BAD_CONTENT_LENGTH("bad-content-length"),
    CONFLICTING_CONTENT_LENGTH("conflicting-content-length"),
    BAD_TRANSFER_ENCODING("bad-transfer-encoding"),
    BAD_CHUNK_SIZE("bad-chunk-size"),
    BAD_CHUNK_END("bad-chunk-end"),
    TRAILERS_TOO_LARGE("trailers-too-large"),

    // HTTP/2 capture (docs/HTTP2.md): a message kept with placeholders for header fields whose dynamic-table
    // entry the capture never saw (repaired); one whose method, path or status is unknown; a malformed header
    // block; a stream begun before the capture or in a gap; a server push (skipped); frames found again after
    // bytes whose frame boundaries were unknown (repaired)
    H2_UNKNOWN_HEADER("h2-unknown-header"),
    H2_NO_START_LINE("h2-no-start-line"),
    H2_BAD_HEADER_BLOCK("h2-bad-header-block"),
    H2_STREAM_UNSEEN("h2-stream-unseen"),
    H2_PUSH("h2-push"),
    H2_RESYNC("h2-resync");

    private static final int COUNT = values().length;

    private final String label;

    Reason(String label) {
        this.label = label;
    }

    /** The word users read in {@code --stats} and the exit summary, e.g. {@code queue-full}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** How many reasons there are: the size of an array indexed by {@link #ordinal()}. */
    public static int count() {
        return COUNT;
    }
}
