package dev.shadowtap.cli;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.shadowtap.cli.Flag.*;

/**
 * THE table of flags that work today. Every other {@link Flag} parses (so {@code --help} lists it)
 * but is refused with {@code not supported yet: --flag}. Turning a feature on is one line here.
 * Refused on purpose, as features shadowtap does not have: {@code --input-raw-immediate-mode} (the
 * capture engines batch; {@code --input-raw-buffer-timeout} bounds the wait), {@code --output-http-debug},
 * and {@code --output-http-compatibility-mode}
 * (there is no second HTTP client to switch to). GoReplay 1.0's names of what later versions do otherwise are
 * refused with what to use instead ({@link #refusal}).
 */
public final class Support {
    private static final Set<Flag> SUPPORTED = EnumSet.of(
            INPUT_RAW, INPUT_RAW_ENGINE, INPUT_RAW_TRACK_RESPONSE, INPUT_RAW_REALIP_HEADER, INPUT_RAW_EXPIRE, INPUT_RAW_ALLOW_INCOMPLETE,
            INPUT_RAW_BPF_FILTER, INPUT_RAW_BUFFER_SIZE, INPUT_RAW_BUFFER_TIMEOUT, INPUT_RAW_OVERRIDE_SNAPLEN,
            INPUT_RAW_PROMISC, INPUT_RAW_STATS, INPUT_RAW_VLAN, INPUT_RAW_VLAN_VID, INPUT_RAW_IGNORE_INTERFACE,
            INPUT_RAW_TIMESTAMP_TYPE, INPUT_RAW_MAX_HEAD_SIZE, INPUT_RAW_MONITOR, INPUT_RAW_VXLAN_PORT, INPUT_RAW_VXLAN_VNI, INPUT_RAW_PROTOCOL,
            INPUT_FILE, INPUT_FILE_LOOP, INPUT_FILE_READ_DEPTH, INPUT_FILE_DRY_RUN, INPUT_FILE_MAX_WAIT,
            OUTPUT_FILE, OUTPUT_FILE_APPEND, OUTPUT_FILE_SIZE_LIMIT, OUTPUT_FILE_QUEUE_LIMIT,
            OUTPUT_FILE_MAX_SIZE_LIMIT, OUTPUT_FILE_FLUSH_INTERVAL, OUTPUT_FILE_BUFFER, S3_ENDPOINT,
            OUTPUT_STDOUT, OUTPUT_DUMMY, OUTPUT_NULL, INPUT_DUMMY,
            PRETTIFY_HTTP, MIDDLEWARE, CPUPROFILE, MEMPROFILE, SPLIT_OUTPUT, RECOGNIZE_TCP_SESSIONS, EXIT_AFTER, STATS, VERBOSE, COPY_BUFFER_SIZE,
            HTTP_ALLOW_METHOD, HTTP_ALLOW_URL, HTTP_DISALLOW_URL, HTTP_ALLOW_HEADER, HTTP_DISALLOW_HEADER,
            HTTP_BASIC_AUTH_FILTER, HTTP_SET_HEADER, HTTP_SET_PARAM, HTTP_REWRITE_URL, HTTP_REWRITE_HEADER,
            HTTP_HEADER_LIMITER, HTTP_PARAM_LIMITER,
            OUTPUT_HTTP, OUTPUT_HTTP_WORKERS, OUTPUT_HTTP_WORKERS_MIN, OUTPUT_HTTP_QUEUE_LEN, OUTPUT_HTTP_TIMEOUT,
            OUTPUT_HTTP_WORKER_TIMEOUT, OUTPUT_HTTP_REDIRECTS, OUTPUT_HTTP_RESPONSE_BUFFER, OUTPUT_HTTP_SKIP_VERIFY,
            OUTPUT_HTTP_TRACK_RESPONSE, OUTPUT_HTTP_STATS, OUTPUT_HTTP_STATS_MS, HTTP_ORIGINAL_HOST,
            OUTPUT_TCP_RESPONSE_BUFFER, OUTPUT_BINARY, OUTPUT_BINARY_WORKERS, OUTPUT_BINARY_TIMEOUT, OUTPUT_BINARY_TRACK_RESPONSE, OUTPUT_BINARY_DEBUG,
            INPUT_TCP, INPUT_TCP_SECURE, INPUT_TCP_CERTIFICATE, INPUT_TCP_CERTIFICATE_KEY, INPUT_TCP_CLIENT_CA,
            OUTPUT_TCP, OUTPUT_TCP_WORKERS, OUTPUT_TCP_STICKY, OUTPUT_TCP_SECURE, OUTPUT_TCP_SKIP_VERIFY, OUTPUT_TCP_STATS,
            OUTPUT_TCP_CERTIFICATE, OUTPUT_TCP_CERTIFICATE_KEY, OUTPUT_TCP_CA,
            INPUT_KAFKA_HOST, INPUT_KAFKA_TOPIC, INPUT_KAFKA_OFFSET, INPUT_KAFKA_JSON_FORMAT,
            INPUT_KAFKA_USE_SASL, INPUT_KAFKA_MECHANISM, INPUT_KAFKA_USERNAME, INPUT_KAFKA_PASSWORD,
            INPUT_KAFKA_GROUP, INPUT_KAFKA_COMMIT_INTERVAL, INPUT_KAFKA_MAX_UNCOMMITTED, INPUT_KAFKA_SESSION_TIMEOUT,
            OUTPUT_KAFKA_HOST, OUTPUT_KAFKA_TOPIC, OUTPUT_KAFKA_JSON_FORMAT,
            OUTPUT_KAFKA_USE_SASL, OUTPUT_KAFKA_MECHANISM, OUTPUT_KAFKA_USERNAME, OUTPUT_KAFKA_PASSWORD,
            KAFKA_TLS_CA_CERT, KAFKA_TLS_CLIENT_CERT, KAFKA_TLS_CLIENT_KEY,
            COMPARE, COMPARE_REPORT, COMPARE_IGNORE, COMPARE_FAIL_ABOVE, COMPARE_SECONDARY,
            DASHBOARD, DASHBOARD_SHOW_PAYLOADS, HTTP_PPROF,
            HELP, VERSION);

    /** GoReplay 1.0 names refused for good, each with the one line of what to use instead. */
    private static final Map<Flag, String> REFUSED = Map.of(
            DEBUG, "GoReplay 1.0's switch for tracing every message; use --verbose 2 (one line per message on stderr)",
            INPUT_HTTP, "listed by GoReplay 1.0 but never built there; capture the application's port with --input-raw :PORT");

    private Support() {
    }

    /** Why a flag is refused for good, with what to use instead; empty for every other flag. */
    public static Optional<String> refusal(Flag flag) {
        return Optional.ofNullable(REFUSED.get(flag));
    }

    /** A deprecated GoReplay name works when its modern flag does ({@link Flag#canonical()}). */
    public static boolean isSupported(Flag flag) {
        return SUPPORTED.contains(flag.canonical());
    }
}
