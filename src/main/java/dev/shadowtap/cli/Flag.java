package dev.shadowtap.cli;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.shadowtap.cli.Flag.Kind.BOOL;
import static dev.shadowtap.cli.Flag.Kind.LIST;
import static dev.shadowtap.cli.Flag.Kind.OPTIONAL;
import static dev.shadowtap.cli.Flag.Kind.VALUE;
import static dev.shadowtap.cli.Section.*;

/**
 * Every GoReplay flag shadowtap accepts: its name (without dashes), how it takes a value, its
 * {@code --help} section, its default (parsed by the same parser as a user's value) and its help line.
 * Which of them work today is decided in {@link Support}, nowhere else.
 */
public enum Flag {
    // capture
    INPUT_RAW("input-raw", LIST, RAW_CAPTURE, null, "ADDR", "capture traffic: :80, ip:port, iface:port, :80,8080, or a .pcap/.pcapng file (read by engine pcap_file, as GoReplay); repeatable"),
    INPUT_RAW_ENGINE("input-raw-engine", VALUE, RAW_CAPTURE, "af_packet", "ENGINE", "capture engine: libpcap, raw_socket, af_packet, pcap_file or vxlan; unnamed: pcap_file for .pcap files, libpcap for flags only it honours"),
    INPUT_RAW_TRACK_RESPONSE("input-raw-track-response", BOOL, RAW_CAPTURE, null, null, "capture responses too (type 2), for middleware and file outputs"),
    INPUT_RAW_REALIP_HEADER("input-raw-realip-header", VALUE, RAW_CAPTURE, null, "NAME", "add this header (usually X-Real-IP) with the client's address"),
    INPUT_RAW_EXPIRE("input-raw-expire", VALUE, RAW_CAPTURE, "2s", "DURATION", "how long to wait for the last packet of a message"),
    INPUT_RAW_ALLOW_INCOMPLETE("input-raw-allow-incomplete", BOOL, RAW_CAPTURE, null, null, "also emit messages cut by missing packets or a connection that closed mid-message, as far as they came, marked with an X-Shadowtap-Incomplete header"),
    INPUT_RAW_BPF_FILTER("input-raw-bpf-filter", VALUE, RAW_CAPTURE, null, "EXPR", "custom BPF filter instead of the default one, e.g. 'dst port 80'"),
    INPUT_RAW_BUFFER_SIZE("input-raw-buffer-size", VALUE, RAW_CAPTURE, "0", "SIZE", "size of the kernel capture buffer (0: system default)"),
    INPUT_RAW_BUFFER_TIMEOUT("input-raw-buffer-timeout", VALUE, RAW_CAPTURE, "0", "DURATION", "capture read timeout (0: engine default)"),
    INPUT_RAW_OVERRIDE_SNAPLEN("input-raw-override-snaplen", BOOL, RAW_CAPTURE, null, null, "capture up to 64k of each packet (some virtual interfaces need it)"),
    INPUT_RAW_PROMISC("input-raw-promisc", BOOL, RAW_CAPTURE, null, null, "put the interface in promiscuous mode"),
    INPUT_RAW_MONITOR("input-raw-monitor", BOOL, RAW_CAPTURE, null, null, "put a wireless interface in monitor mode (engine libpcap)"),
    INPUT_RAW_TIMESTAMP_TYPE("input-raw-timestamp-type", VALUE, RAW_CAPTURE, null, "TYPE", "libpcap timestamp source: host, host_lowprec, host_hiprec, adapter, adapter_unsynced (also PCAP_TSTAMP_*; other engines: host)"),
    INPUT_RAW_IGNORE_INTERFACE("input-raw-ignore-interface", LIST, RAW_CAPTURE, null, "IFACE", "when capturing on every interface, skip this one; repeatable"),
    INPUT_RAW_PROTOCOL("input-raw-protocol", VALUE, RAW_CAPTURE, "http", "PROTO", "http (HTTP/1.x, and cleartext HTTP/2 and gRPC: one record per stream) or binary (each run of bytes one way is a message)"),
    INPUT_RAW_STATS("input-raw-stats", BOOL, RAW_CAPTURE, null, null, "report capture statistics"),
    INPUT_RAW_VLAN("input-raw-vlan", BOOL, RAW_CAPTURE, null, null, "capture 802.1Q VLAN-tagged traffic too (without it tagged frames are skipped and counted)"),
    INPUT_RAW_VLAN_VID("input-raw-vlan-vid", LIST, RAW_CAPTURE, null, "ID", "only traffic tagged with this VLAN id (implies --input-raw-vlan); repeatable"),
    INPUT_RAW_VXLAN_PORT("input-raw-vxlan-port", VALUE, RAW_CAPTURE, "4789", "PORT", "UDP port the vxlan engine receives VXLAN traffic on (4789 is accepted with any engine)"),
    INPUT_RAW_VXLAN_VNI("input-raw-vxlan-vni", LIST, RAW_CAPTURE, null, "VNI", "only this VXLAN network id (engine vxlan); repeatable"),
    INPUT_RAW_MAX_HEAD_SIZE("input-raw-max-head-size", VALUE, RAW_CAPTURE, "64kb", "SIZE", "largest message head (start line, headers and the empty line) captured, 1kb to 64mb; a longer message is skipped whole and counted head-too-large"),
    INPUT_RAW_IMMEDIATE_MODE("input-raw-immediate-mode", BOOL, RAW_CAPTURE, null, null, "libpcap immediate mode: hand over each packet at once (--input-raw-buffer-timeout 1ms comes close)"),
    // file in
    INPUT_FILE("input-file", LIST, FILE_IN, null, "FILE[|N%]", "replay a .gor file (glob, sorted; .gz read as gzip); |200% replays twice as fast; repeatable"),
    INPUT_FILE_LOOP("input-file-loop", BOOL, FILE_IN, null, null, "start again at the end of the files"),
    INPUT_FILE_READ_DEPTH("input-file-read-depth", VALUE, FILE_IN, "100", "N", "records read ahead and sorted by time"),
    INPUT_FILE_DRY_RUN("input-file-dry-run", BOOL, FILE_IN, null, null, "only read the files and report records and replay time; needs no output"),
    INPUT_FILE_MAX_WAIT("input-file-max-wait", VALUE, FILE_IN, "0", "DURATION", "longest pause between replayed records (0: as recorded)"),
    // tcp in
    INPUT_TCP("input-tcp", LIST, TCP_IN, null, "ADDR", "listen for --output-tcp of other instances on ADDR: host:port, or :port for every interface (as in Go), e.g. :28020; repeatable"),
    INPUT_TCP_SECURE("input-tcp-secure", BOOL, TCP_IN, null, null, "use TLS (needs --input-tcp-certificate and --input-tcp-certificate-key)"),
    INPUT_TCP_CERTIFICATE("input-tcp-certificate", VALUE, TCP_IN, null, "FILE", "PEM certificate (chain) for TLS"),
    INPUT_TCP_CERTIFICATE_KEY("input-tcp-certificate-key", VALUE, TCP_IN, null, "FILE", "PEM private key for TLS (PKCS#8, RSA or EC)"),
    INPUT_TCP_CLIENT_CA("input-tcp-client-ca", VALUE, TCP_IN, null, "FILE", "ours: accept only senders whose certificate this PEM CA signed (mutual TLS)"),
    // kafka in
    INPUT_KAFKA_HOST("input-kafka-host", VALUE, KAFKA_IN, null, "HOSTS", "read records from Kafka brokers, comma separated"),
    INPUT_KAFKA_TOPIC("input-kafka-topic", VALUE, KAFKA_IN, null, "TOPIC", "Kafka topic to read"),
    INPUT_KAFKA_JSON_FORMAT("input-kafka-json-format", BOOL, KAFKA_IN, null, null, "messages are JSON instead of the .gor text format"),
    INPUT_KAFKA_OFFSET("input-kafka-offset", VALUE, KAFKA_IN, "-1", "OFFSET[|N%]", "where to start: -1 newest, -2 oldest; |200% replays twice as fast"),
    INPUT_KAFKA_USE_SASL("input-kafka-use-sasl", BOOL, KAFKA_IN, null, null, "authenticate with SASL"),
    INPUT_KAFKA_MECHANISM("input-kafka-mechanism", VALUE, KAFKA_IN, null, "NAME", "SASL mechanism, e.g. PLAIN or SCRAM-SHA-512"),
    INPUT_KAFKA_USERNAME("input-kafka-username", VALUE, KAFKA_IN, null, "USER", "SASL user"),
    INPUT_KAFKA_PASSWORD("input-kafka-password", VALUE, KAFKA_IN, null, "PASS", "SASL password"),
    INPUT_KAFKA_GROUP("input-kafka-group", VALUE, KAFKA_IN, null, "NAME", "ours: join this consumer group: replayers of one group share the partitions, a recorded connection stays with one of them, offsets are committed once every output took the message (at-least-once)"),
    INPUT_KAFKA_COMMIT_INTERVAL("input-kafka-commit-interval", VALUE, KAFKA_IN, "1s", "DURATION", "ours: with a group, commit what the outputs took this often (also when a partition moves and at a stop)"),
    INPUT_KAFKA_MAX_UNCOMMITTED("input-kafka-max-uncommitted", VALUE, KAFKA_IN, "10000", "N", "ours: with a group, at most N messages handed on and not committed (the input waits): at most N repeat after a crash"),
    INPUT_KAFKA_SESSION_TIMEOUT("input-kafka-session-timeout", VALUE, KAFKA_IN, "10s", "DURATION", "ours: with a group, how long a silent (killed) replayer keeps its partitions before the group moves them"),
    // testing input
    INPUT_HTTP("input-http", LIST, TEST_IN, null, "ADDR", "GoReplay 1.0 listed it but never built it: refused, capture the port with --input-raw :PORT"),
    INPUT_DUMMY("input-dummy", OPTIONAL, TEST_IN, null, "[ANY]", "emit a 'GET /' request and its 200 response every second (the value is ignored); repeatable"),
    // file out
    OUTPUT_FILE("output-file", LIST, FILE_OUT, null, "FILE", "write records to a file; %Y %m %d %H %M %S %NS %r %t %i in the name; .gz writes gzip; repeatable"),
    OUTPUT_FILE_APPEND("output-file-append", BOOL, FILE_OUT, null, null, "append to one file instead of numbered chunks name_0, name_1, ..."),
    OUTPUT_FILE_SIZE_LIMIT("output-file-size-limit", VALUE, FILE_OUT, "32mb", "SIZE", "size of each chunk"),
    OUTPUT_FILE_QUEUE_LIMIT("output-file-queue-limit", VALUE, FILE_OUT, "256", "N", "records per chunk"),
    OUTPUT_FILE_MAX_SIZE_LIMIT("output-file-max-size-limit", VALUE, FILE_OUT, "1tb", "SIZE", "stop writing when all chunks together reach this size"),
    OUTPUT_FILE_FLUSH_INTERVAL("output-file-flush-interval", VALUE, FILE_OUT, "1s", "DURATION", "flush buffered records at least this often"),
    OUTPUT_FILE_BUFFER("output-file-buffer", VALUE, FILE_OUT, "/tmp", "DIR", "used only for S3 (s3:// names): chunks wait here until they are uploaded, as in GoReplay"),
    S3_ENDPOINT("s3-endpoint", VALUE, FILE_OUT, null, "URL", "S3-compatible store (MinIO, Ceph, R2) for s3:// names, path-style; default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS (not a GoReplay flag)"),
    // http out
    OUTPUT_HTTP("output-http", LIST, HTTP_OUT, null, "URL[|N]", "replay requests to this URL (user:pass@ becomes Basic auth); HTTP/2 records go over HTTP/2 (h2c to http://, ALPN h2 to https://); repeatable"),
    OUTPUT_HTTP_WORKERS("output-http-workers", VALUE, HTTP_OUT, "0", "N", "most concurrent requests per target (0: as many as needed)"),
    OUTPUT_HTTP_WORKERS_MIN("output-http-workers-min", VALUE, HTTP_OUT, "0", "N", "fewest workers kept alive"),
    OUTPUT_HTTP_QUEUE_LEN("output-http-queue-len", VALUE, HTTP_OUT, "1000", "N", "requests queued while all workers are busy"),
    OUTPUT_HTTP_TIMEOUT("output-http-timeout", VALUE, HTTP_OUT, "5s", "DURATION", "request/response timeout"),
    OUTPUT_HTTP_WORKER_TIMEOUT("output-http-worker-timeout", VALUE, HTTP_OUT, "2s", "DURATION", "idle time after which a worker stops"),
    OUTPUT_HTTP_REDIRECTS("output-http-redirects", VALUE, HTTP_OUT, "0", "N", "redirects to follow"),
    OUTPUT_HTTP_RESPONSE_BUFFER("output-http-response-buffer", VALUE, HTTP_OUT, "0", "SIZE", "keep at most this much of each response (default 1MB; 8MB with --compare, whose cut replies are counted truncated, not compared)"),
    OUTPUT_HTTP_SKIP_VERIFY("output-http-skip-verify", BOOL, HTTP_OUT, null, null, "do not verify TLS certificates"),
    OUTPUT_HTTP_TRACK_RESPONSE("output-http-track-response", BOOL, HTTP_OUT, null, null, "pass replayed responses (type 3) to middleware and outputs"),
    OUTPUT_HTTP_STATS("output-http-stats", BOOL, HTTP_OUT, null, null, "report queue statistics every --output-http-stats-ms"),
    OUTPUT_HTTP_STATS_MS("output-http-stats-ms", VALUE, HTTP_OUT, "5000", "MS", "interval of --output-http-stats in milliseconds"),
    OUTPUT_HTTP_ELASTICSEARCH("output-http-elasticsearch", VALUE, HTTP_OUT, null, "HOST/INDEX", "send request and response stats to Elasticsearch"),
    OUTPUT_HTTP_DEBUG("output-http-debug", BOOL, HTTP_OUT, null, null, "GoReplay's HTTP client debug output (--verbose 2 traces every message)"),
    OUTPUT_HTTP_COMPATIBILITY_MODE("output-http-compatibility-mode", BOOL, HTTP_OUT, null, null, "replay through Go's standard HTTP client instead of GoReplay's own (GoReplay 1.2)"),
    HTTP_ORIGINAL_HOST("http-original-host", BOOL, HTTP_OUT, null, null, "keep the original Host header instead of the target's"),
    // binary out
    OUTPUT_BINARY("output-binary", LIST, BINARY_OUT, null, "ADDR[|N]", "replay each request's bytes to this TCP address (host:port), the requests of one id (recorded connection) in order on a connection of their own; with --input-raw-protocol binary; repeatable"),
    OUTPUT_BINARY_WORKERS("output-binary-workers", VALUE, BINARY_OUT, "0", "N", "most connections open to the target (0: one per recorded connection at work)"),
    OUTPUT_BINARY_TIMEOUT("output-binary-timeout", VALUE, BINARY_OUT, "5s", "DURATION", "longest wait to connect and for a reply, which is read until the target goes quiet"),
    OUTPUT_BINARY_TRACK_RESPONSE("output-binary-track-response", BOOL, BINARY_OUT, null, null, "pass each reply (type 3) to middleware and outputs; --compare diffs it byte-wise with the recorded one"),
    OUTPUT_BINARY_DEBUG("output-binary-debug", BOOL, BINARY_OUT, null, null, "log each connect, send, reply and close with ids and sizes (never payloads; --verbose 2 traces every record's first bytes)"),
    // tcp out
    OUTPUT_TCP("output-tcp", LIST, TCP_OUT, null, "HOST:PORT", "send requests and original responses to --input-tcp of another instance; repeatable"),
    OUTPUT_TCP_SECURE("output-tcp-secure", BOOL, TCP_OUT, null, null, "use TLS"),
    OUTPUT_TCP_SKIP_VERIFY("output-tcp-skip-verify", BOOL, TCP_OUT, null, null, "do not verify the receiver's TLS certificate"),
    OUTPUT_TCP_STICKY("output-tcp-sticky", BOOL, TCP_OUT, null, null, "send a request and its responses over the same connection"),
    OUTPUT_TCP_WORKERS("output-tcp-workers", VALUE, TCP_OUT, "10", "N", "parallel connections, each with its queue"),
    OUTPUT_TCP_RESPONSE_BUFFER("output-tcp-response-buffer", VALUE, TCP_OUT, "0", "SIZE", "--output-binary: keep at most this much of each reply (default 100kb; with --compare* 8mb), the rest is read and counted truncated"),
    OUTPUT_TCP_STATS("output-tcp-stats", BOOL, TCP_OUT, null, null, "report queue statistics every 5 seconds"),
    OUTPUT_TCP_CERTIFICATE("output-tcp-certificate", VALUE, TCP_OUT, null, "FILE", "ours: PEM client certificate shown to an --input-tcp-client-ca receiver (mutual TLS)"),
    OUTPUT_TCP_CERTIFICATE_KEY("output-tcp-certificate-key", VALUE, TCP_OUT, null, "FILE", "ours: PEM private key of --output-tcp-certificate"),
    OUTPUT_TCP_CA("output-tcp-ca", VALUE, TCP_OUT, null, "FILE", "ours: verify the receiver's certificate against this PEM CA instead of the JDK's trust store"),
    // websocket out
    OUTPUT_WS("output-ws", LIST, WS_OUT, null, "URL", "send records over WebSocket (ws:// or wss://); repeatable"),
    OUTPUT_WS_SKIP_VERIFY("output-ws-skip-verify", BOOL, WS_OUT, null, null, "do not verify TLS certificates"),
    OUTPUT_WS_STICKY("output-ws-sticky", BOOL, WS_OUT, null, null, "send a request and its responses over the same connection"),
    OUTPUT_WS_WORKERS("output-ws-workers", VALUE, WS_OUT, "10", "N", "parallel connections"),
    OUTPUT_WS_STATS("output-ws-stats", BOOL, WS_OUT, null, null, "report queue statistics every 5 seconds"),
    // kafka out
    OUTPUT_KAFKA_HOST("output-kafka-host", VALUE, KAFKA_OUT, null, "HOSTS", "write records to Kafka brokers, comma separated"),
    OUTPUT_KAFKA_TOPIC("output-kafka-topic", VALUE, KAFKA_OUT, null, "TOPIC", "Kafka topic to write"),
    OUTPUT_KAFKA_JSON_FORMAT("output-kafka-json-format", BOOL, KAFKA_OUT, null, null, "write JSON instead of the .gor text format"),
    OUTPUT_KAFKA_USE_SASL("output-kafka-use-sasl", BOOL, KAFKA_OUT, null, null, "authenticate with SASL"),
    OUTPUT_KAFKA_MECHANISM("output-kafka-mechanism", VALUE, KAFKA_OUT, null, "NAME", "SASL mechanism, e.g. PLAIN or SCRAM-SHA-512"),
    OUTPUT_KAFKA_USERNAME("output-kafka-username", VALUE, KAFKA_OUT, null, "USER", "SASL user"),
    OUTPUT_KAFKA_PASSWORD("output-kafka-password", VALUE, KAFKA_OUT, null, "PASS", "SASL password"),
    KAFKA_TLS_CA_CERT("kafka-tls-ca-cert", VALUE, KAFKA_TLS, null, "FILE", "PEM CA the brokers' certificates are checked against (default: the JDK's); turns on TLS"),
    KAFKA_TLS_CLIENT_CERT("kafka-tls-client-cert", VALUE, KAFKA_TLS, null, "FILE", "PEM client certificate (mutual TLS); turns on TLS"),
    KAFKA_TLS_CLIENT_KEY("kafka-tls-client-key", VALUE, KAFKA_TLS, null, "FILE", "PEM key of the client certificate"),
    // console outputs
    OUTPUT_STDOUT("output-stdout", BOOL, CONSOLE_OUT, null, null, "print records in .gor form (header, payload, separator, as GoReplay 1.3+): > x.gor makes a .gor file"),
    OUTPUT_NULL("output-null", BOOL, CONSOLE_OUT, null, null, "drop every record (for testing inputs)"),
    OUTPUT_DUMMY("output-dummy", OPTIONAL, CONSOLE_OUT, null, "[ANY]", "GoReplay's deprecated name of --output-stdout (the value is ignored; one console output however often given)"),
    // filters
    HTTP_ALLOW_METHOD("http-allow-method", LIST, FILTERS, null, "METHOD", "keep only requests with this method; repeatable"),
    HTTP_ALLOW_URL("http-allow-url", LIST, FILTERS, null, "REGEX", "keep only requests whose full URL (with host) matches; repeatable"),
    HTTP_DISALLOW_URL("http-disallow-url", LIST, FILTERS, null, "REGEX", "drop requests whose full URL (with host) matches; repeatable"),
    HTTP_ALLOW_HEADER("http-allow-header", LIST, FILTERS, null, "'NAME: REGEX'", "keep only requests with this header matching; repeatable"),
    HTTP_DISALLOW_HEADER("http-disallow-header", LIST, FILTERS, null, "'NAME: REGEX'", "drop requests with this header matching; repeatable"),
    HTTP_BASIC_AUTH_FILTER("http-basic-auth-filter", LIST, FILTERS, null, "REGEX", "keep only requests whose decoded Basic auth user:pass matches; repeatable"),
    OUTPUT_HTTP_METHOD("output-http-method", LIST, FILTERS, null, "METHOD", "GoReplay's deprecated name of --http-allow-method"),
    OUTPUT_HTTP_URL_REGEXP("output-http-url-regexp", LIST, FILTERS, null, "REGEX", "GoReplay's deprecated name of --http-allow-url"),
    OUTPUT_HTTP_HEADER_FILTER("output-http-header-filter", LIST, FILTERS, null, "'NAME: REGEX'", "GoReplay's deprecated name of --http-allow-header"),
    // rewrites
    HTTP_SET_HEADER("http-set-header", LIST, REWRITES, null, "'NAME: VALUE'", "set a request header; repeatable"),
    HTTP_SET_PARAM("http-set-param", LIST, REWRITES, null, "NAME=VALUE", "set a query parameter; repeatable"),
    HTTP_REWRITE_URL("http-rewrite-url", LIST, REWRITES, null, "REGEX:REPLACEMENT", "rewrite the URL, $1 for groups; repeatable"),
    HTTP_REWRITE_HEADER("http-rewrite-header", LIST, REWRITES, null, "'NAME: REGEX,REPLACEMENT'", "rewrite a header value, $1 for groups; repeatable"),
    OUTPUT_HTTP_HEADER("output-http-header", LIST, REWRITES, null, "'NAME: VALUE'", "GoReplay's deprecated name of --http-set-header"),
    OUTPUT_HTTP_REWRITE_URL("output-http-rewrite-url", LIST, REWRITES, null, "REGEX:REPLACEMENT", "GoReplay's deprecated name of --http-rewrite-url"),
    PRETTIFY_HTTP("prettify-http", BOOL, REWRITES, null, null, "de-chunk and gunzip bodies"),
    // sampling
    HTTP_HEADER_LIMITER("http-header-limiter", LIST, SAMPLING, null, "'NAME: N%'", "keep N% of requests by the hash of a header, always the same values; repeatable"),
    HTTP_PARAM_LIMITER("http-param-limiter", LIST, SAMPLING, null, "'NAME: N%'", "keep N% of requests by the hash of a query parameter; repeatable"),
    OUTPUT_HTTP_HEADER_HASH_FILTER("output-http-header-hash-filter", LIST, SAMPLING, null, "'NAME: N%'", "GoReplay's deprecated name of --http-header-limiter"),
    // comparison
    COMPARE("compare", BOOL, Section.COMPARE, null, null, "compare each replayed response (type 3) with the original (type 2) and print a summary at exit; needs --output-http-track-response (or --output-binary-track-response)"),
    COMPARE_REPORT("compare-report", VALUE, Section.COMPARE, null, "DIR", "also write DIR/report.html, diffs.jsonl, summary.json and junit.xml (implies --compare)"),
    COMPARE_IGNORE("compare-ignore", LIST, Section.COMPARE, null, "RULE", "treat as noise a JSON body path ($.meta.generated_at, $.items[*].id, $['odd key'], $..nonce) or a header (header:X-Trace); repeatable (implies --compare)"),
    COMPARE_FAIL_ABOVE("compare-fail-above", VALUE, Section.COMPARE, null, "RATE", "exit status 1 when an endpoint's rate (differing + unanswered) / (compared + unanswered) is above RATE, or when nothing was compared (0.05 or 5%; implies --compare)"),
    COMPARE_SECONDARY("compare-secondary", VALUE, Section.COMPARE, null, "URL", "also send each request to a second instance of the old version: what differs between the two old answers is noise (implies --compare)"),
    // pipeline
    MIDDLEWARE("middleware", VALUE, PIPELINE, null, "COMMAND", "pass every record through this command (hex lines on stdin/stdout)"),
    SPLIT_OUTPUT("split-output", BOOL, PIPELINE, null, null, "send each request to one output, round robin, with its responses, instead of to all"),
    RECOGNIZE_TCP_SESSIONS("recognize-tcp-sessions", BOOL, PIPELINE, null, null, "replay each recorded client connection on a target connection of its own, in order, one request at a time; with --split-output each output gets whole sessions"),
    EXIT_AFTER("exit-after", VALUE, PIPELINE, "0", "DURATION", "stop after this long (0: never)"),
    STATS("stats", BOOL, PIPELINE, null, null, "print queue statistics"),
    VERBOSE("verbose", OPTIONAL, PIPELINE, "0", "[N]", "debug output level (bare --verbose is 1)"),
    COPY_BUFFER_SIZE("copy-buffer-size", VALUE, PIPELINE, "5mb", "SIZE", "largest message kept whole"),
    CPUPROFILE("cpuprofile", VALUE, PIPELINE, null, "FILE", "write a JFR recording of the whole run (CPU samples) to FILE at exit, not Go's pprof: read it with 'jfr print' or JDK Mission Control"),
    MEMPROFILE("memprofile", VALUE, PIPELINE, null, "FILE", "write a JFR recording of the whole run (allocation samples, old objects, heap histograms) to FILE at exit, not Go's pprof"),
    DEBUG("debug", BOOL, PIPELINE, null, null, "GoReplay 1.0's name for tracing every message: refused, use --verbose 2"),
    // monitoring
    DASHBOARD("dashboard", VALUE, MONITORING, null, "ADDR", "serve a live page (/), Prometheus metrics (/metrics) and the counters as JSON (/api/stats) on ADDR (host:port, e.g. 127.0.0.1:9090; :port is every interface); read-only"),
    DASHBOARD_SHOW_PAYLOADS("dashboard-show-payloads", BOOL, MONITORING, null, null, "let the dashboard show request lines and the differing values of compared responses (production data; hidden without it)"),
    HTTP_PPROF("http-pprof", VALUE, MONITORING, null, "ADDR", "serve GoReplay's /debug/vars (the counters as expvar JSON) on ADDR; /debug/pprof/ says how to profile the JVM (JFR)"),
    // help
    HELP("help", BOOL, Section.HELP, null, null, "print this help (also -h)"),
    VERSION("version", BOOL, Section.HELP, null, null, "print the version");

    /** How a flag takes its value, as in Go's flag package. */
    public enum Kind {
        /** {@code --f}, {@code --f=true}, {@code --f=false}; never consumes the next argument. */
        BOOL,
        /** One value ({@code --f v} or {@code --f=v}); given twice, the last wins (as in Go). */
        VALUE,
        /** Repeatable; every value is kept in order. */
        LIST,
        /** A value is optional: bare is {@code true}; the next argument is taken unless it names a flag. */
        OPTIONAL
    }

    private static final Map<String, Flag> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Flag::flagName, Function.identity()));

    /**
     * GoReplay's deprecated names, each bound in GoReplay to the same variable as its modern flag: their
     * values join the modern flag's, in argument order, and work exactly as it does.
     */
    private static final Map<Flag, Flag> ALIAS_OF = Map.of(
            OUTPUT_HTTP_HEADER, HTTP_SET_HEADER,
            OUTPUT_HTTP_METHOD, HTTP_ALLOW_METHOD,
            OUTPUT_HTTP_URL_REGEXP, HTTP_ALLOW_URL,
            OUTPUT_HTTP_REWRITE_URL, HTTP_REWRITE_URL,
            OUTPUT_HTTP_HEADER_FILTER, HTTP_ALLOW_HEADER,
            OUTPUT_HTTP_HEADER_HASH_FILTER, HTTP_HEADER_LIMITER);

    private final String flagName;
    private final Kind kind;
    private final Section section;
    private final String defaultValue;
    private final String valueLabel;
    private final String help;

    Flag(String flagName, Kind kind, Section section, String defaultValue, String valueLabel, String help) {
        this.flagName = flagName;
        this.kind = kind;
        this.section = section;
        this.defaultValue = defaultValue;
        this.valueLabel = valueLabel;
        this.help = help;
    }


    /** The name without dashes, e.g. {@code input-file}. */
    public String flagName() {
        return flagName;
    }

    /** The name as printed in help and errors, e.g. {@code --input-file}. */
    public String display() {
        return "--" + flagName;
    }

    public Kind kind() {
        return kind;
    }

    public Section section() {
        return section;
    }

    /** The default as a user would write it (parsed by the flag's own parser), if the flag has one. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The placeholder for the value in help, e.g. {@code SIZE}; empty for booleans. */
    public String valueLabel() {
        return valueLabel == null ? "" : valueLabel;
    }

    public String help() {
        return help;
    }

    /** The flag whose values this one's are: the modern flag for a deprecated GoReplay name, else itself. */
    public Flag canonical() {
        return ALIAS_OF.getOrDefault(this, this);
    }

    /** The flag with this name (without dashes), if there is one. */
    public static Optional<Flag> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
