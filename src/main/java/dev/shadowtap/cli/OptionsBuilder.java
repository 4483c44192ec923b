package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.http.transform.HttpTransformConfig;
import dev.shadowtap.http.transform.HttpTransformConfigBuilder;
import dev.shadowtap.pipeline.Limit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.shadowtap.cli.Flag.*;

/** Types every value of the command line into {@link RunOptions}, group by group. */
final class OptionsBuilder {
    private static final int MAX_PORT = 65_535;

    private final TypedArgs a;
    private final List<String> notes = new java.util.ArrayList<>();

    OptionsBuilder(ParsedFlags parsed) {
        this.a = new TypedArgs(parsed);
    }

    /** Lines to show before the run: choices made for the user (the capture engine), after {@link #build()}. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    RunOptions build() throws UsageException {
        return new RunOptions(inputs(), outputs(), capture(), fileIn(), fileOut(), httpOut(), binaryOut(), tcp(),
                webSocket(), kafka(), http(), new RewriteOptions(a.bool(PRETTIFY_HTTP)), pipeline(), compare(),
                new ProfileOptions(a.optional(CPUPROFILE, OptionsBuilder::path), a.optional(MEMPROFILE, OptionsBuilder::path)),
                new ObserveOptions(a.optional(DASHBOARD, ObserveOptions::address), a.bool(DASHBOARD_SHOW_PAYLOADS),
                        a.optional(HTTP_PPROF, ObserveOptions::address)));
    }

    private static java.nio.file.Path path(String text) throws BadValueException {
        if (text.isBlank()) {
            throw new BadValueException("a file name");
        }
        try {
            return java.nio.file.Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadValueException("a file name");
        }
    }

    private InputOptions inputs() throws UsageException {
        return new InputOptions(a.all(INPUT_RAW, Addresses::parse), a.all(INPUT_FILE, Addresses::parse),
                a.all(INPUT_TCP, Addresses::parse), a.count(INPUT_DUMMY));
    }

    private OutputOptions outputs() throws UsageException {
        // --output-dummy is GoReplay's old --output-stdout; given twice GoReplay printed every record twice
        boolean stdout = a.bool(OUTPUT_STDOUT) || a.count(OUTPUT_DUMMY) > 0;
        return new OutputOptions(stdout, a.bool(OUTPUT_NULL), a.all(OUTPUT_FILE, Addresses::parse),
                a.all(OUTPUT_HTTP, Addresses::parse), a.all(OUTPUT_TCP, Addresses::parse),
                a.all(OUTPUT_WS, Addresses::parse), a.all(OUTPUT_BINARY, Addresses::parse));
    }

    private static CaptureEngine engine(String text) throws BadValueException {
        return CaptureEngine.named(text).orElseThrow(() -> new BadValueException(CaptureEngine.EXPECTED));
    }

    /** Values are read in the order that decides which bad value is reported first. */
    private CaptureOptions capture() throws UsageException {
        Optional<CaptureEngine> named = a.optional(INPUT_RAW_ENGINE, OptionsBuilder::engine);
        CaptureEngine byDefault = a.one(INPUT_RAW_ENGINE, OptionsBuilder::engine);
        Duration expire = a.one(INPUT_RAW_EXPIRE, Numbers::nonNegativeDuration);
        var device = new CaptureOptions.Device(a.text(INPUT_RAW_BPF_FILTER), a.one(INPUT_RAW_BUFFER_SIZE, Sizes::parse),
                a.one(INPUT_RAW_BUFFER_TIMEOUT, Numbers::nonNegativeDuration), a.bool(INPUT_RAW_OVERRIDE_SNAPLEN),
                a.bool(INPUT_RAW_PROMISC), a.bool(INPUT_RAW_MONITOR), a.text(INPUT_RAW_TIMESTAMP_TYPE));
        EngineChoice choice = EngineChoice.choose(named, byDefault, a.all(INPUT_RAW, Addresses::parse), device.monitor(),
                device.timestampType());
        choice.note().ifPresent(notes::add);
        CaptureEngine engine = choice.engine();
        CaptureProtocol protocol = a.one(INPUT_RAW_PROTOCOL, CaptureProtocol::parse);
        var frames = new CaptureOptions.Frames(a.bool(INPUT_RAW_VLAN), a.all(INPUT_RAW_VLAN_VID, Numbers.inRange(0, 4095)),
                a.all(INPUT_RAW_IGNORE_INTERFACE, s -> s));
        var vxlan = new CaptureOptions.Vxlan(a.one(INPUT_RAW_VXLAN_PORT, Numbers.inRange(1, MAX_PORT)),
                a.all(INPUT_RAW_VXLAN_VNI, Numbers.inRange(0, 16_777_215)));
        var pairing = new CaptureOptions.Pairing(a.bool(INPUT_RAW_TRACK_RESPONSE), a.bool(INPUT_RAW_ALLOW_INCOMPLETE),
                a.text(INPUT_RAW_REALIP_HEADER), a.one(INPUT_RAW_MAX_HEAD_SIZE, OptionsBuilder::headSize));
        return new CaptureOptions(engine, device, frames, vxlan, expire, protocol, pairing, a.bool(INPUT_RAW_STATS));
    }

    private FileInOptions fileIn() throws UsageException {
        return new FileInOptions(a.bool(INPUT_FILE_LOOP), a.one(INPUT_FILE_READ_DEPTH, Numbers.inRange(1, 1_000_000)),
                a.bool(INPUT_FILE_DRY_RUN), a.one(INPUT_FILE_MAX_WAIT, Numbers::nonNegativeDuration));
    }

    private FileOutOptions fileOut() throws UsageException {
        return new FileOutOptions(a.bool(OUTPUT_FILE_APPEND), atLeastOne(OUTPUT_FILE_SIZE_LIMIT),
                a.one(OUTPUT_FILE_QUEUE_LIMIT, Numbers.inRange(0, Integer.MAX_VALUE)),
                atLeastOne(OUTPUT_FILE_MAX_SIZE_LIMIT),
                a.one(OUTPUT_FILE_FLUSH_INTERVAL, Numbers::nonNegativeDuration), a.one(OUTPUT_FILE_BUFFER, s -> s),
                a.text(S3_ENDPOINT));
    }

    private static int headSize(String text) throws BadValueException {
        long size;
        try {
            size = Sizes.parse(text);
        } catch (BadValueException e) {
            size = -1;
        }
        if (size < 1024 || size > 64L << 20) {
            throw new BadValueException("a size from 1kb to 64mb");
        }
        return (int) size;
    }

    /** A size where GoReplay reads 0 as "use the default". */
    private long atLeastOne(Flag flag) throws UsageException {
        long size = a.one(flag, Sizes::parse);
        return size > 0 ? size : Sizes.parseDefault(flag);
    }

    private HttpOutOptions httpOut() throws UsageException {
        var count = Numbers.inRange(0, Integer.MAX_VALUE);
        int workersMax = a.one(OUTPUT_HTTP_WORKERS, count); // read first: its bad value is reported first
        return new HttpOutOptions(new HttpOutOptions.Target(a.bool(OUTPUT_HTTP_SKIP_VERIFY)),
                new HttpOutOptions.Pool(a.one(OUTPUT_HTTP_WORKERS_MIN, count), workersMax, a.one(OUTPUT_HTTP_QUEUE_LEN, count)),
                new HttpOutOptions.Timeouts(a.one(OUTPUT_HTTP_TIMEOUT, Numbers::nonNegativeDuration),
                        a.one(OUTPUT_HTTP_WORKER_TIMEOUT, Numbers::nonNegativeDuration)),
                new HttpOutOptions.Rewriting(a.bool(HTTP_ORIGINAL_HOST), a.one(OUTPUT_HTTP_REDIRECTS, count)),
                new HttpOutOptions.Tracking(a.bool(OUTPUT_HTTP_TRACK_RESPONSE), a.one(OUTPUT_HTTP_RESPONSE_BUFFER, Sizes::parse),
                        a.bool(OUTPUT_HTTP_STATS),
                        Duration.ofMillis(a.one(OUTPUT_HTTP_STATS_MS, Numbers.inRange(1, Integer.MAX_VALUE))),
                        a.text(OUTPUT_HTTP_ELASTICSEARCH)));
    }

    private BinaryOutOptions binaryOut() throws UsageException {
        return new BinaryOutOptions(a.one(OUTPUT_BINARY_WORKERS, Numbers.inRange(0, Integer.MAX_VALUE)),
                a.one(OUTPUT_BINARY_TIMEOUT, Numbers::nonNegativeDuration), a.bool(OUTPUT_BINARY_TRACK_RESPONSE),
                a.bool(OUTPUT_BINARY_DEBUG), a.one(OUTPUT_TCP_RESPONSE_BUFFER, Sizes::parse));
    }

    private TcpOptions tcp() throws UsageException {
        return new TcpOptions(
                new TcpOptions.InputSide(a.bool(INPUT_TCP_SECURE), a.text(INPUT_TCP_CERTIFICATE),
                        a.text(INPUT_TCP_CERTIFICATE_KEY), a.text(INPUT_TCP_CLIENT_CA)),
                new TcpOptions.OutputSide(a.bool(OUTPUT_TCP_SECURE), a.bool(OUTPUT_TCP_SKIP_VERIFY),
                        a.bool(OUTPUT_TCP_STICKY), a.one(OUTPUT_TCP_WORKERS, Numbers.inRange(1, Integer.MAX_VALUE)),
                        a.bool(OUTPUT_TCP_STATS), new TcpOptions.ClientFiles(a.text(OUTPUT_TCP_CERTIFICATE),
                        a.text(OUTPUT_TCP_CERTIFICATE_KEY), a.text(OUTPUT_TCP_CA))));
    }

    private WebSocketOptions webSocket() throws UsageException {
        return new WebSocketOptions(a.bool(OUTPUT_WS_SKIP_VERIFY), a.bool(OUTPUT_WS_STICKY),
                a.one(OUTPUT_WS_WORKERS, Numbers.inRange(1, Integer.MAX_VALUE)), a.bool(OUTPUT_WS_STATS));
    }

    private KafkaOptions kafka() throws UsageException {
        Optional<KafkaEndpoint> input = a.text(INPUT_KAFKA_HOST).isEmpty() ? Optional.empty()
                : Optional.of(new KafkaEndpoint(hosts(INPUT_KAFKA_HOST), a.text(INPUT_KAFKA_TOPIC),
                        a.bool(INPUT_KAFKA_JSON_FORMAT), a.one(INPUT_KAFKA_OFFSET, HttpSpecs::kafkaOffset),
                        new KafkaEndpoint.Sasl(a.bool(INPUT_KAFKA_USE_SASL), a.text(INPUT_KAFKA_MECHANISM),
                                a.text(INPUT_KAFKA_USERNAME), a.text(INPUT_KAFKA_PASSWORD))));
        Optional<KafkaEndpoint> output = a.text(OUTPUT_KAFKA_HOST).isEmpty() ? Optional.empty()
                : Optional.of(new KafkaEndpoint(hosts(OUTPUT_KAFKA_HOST), a.text(OUTPUT_KAFKA_TOPIC),
                        a.bool(OUTPUT_KAFKA_JSON_FORMAT), new KafkaOffset(-1, Limit.NONE),
                        new KafkaEndpoint.Sasl(a.bool(OUTPUT_KAFKA_USE_SASL), a.text(OUTPUT_KAFKA_MECHANISM),
                                a.text(OUTPUT_KAFKA_USERNAME), a.text(OUTPUT_KAFKA_PASSWORD))));
        return new KafkaOptions(input, output, a.text(KAFKA_TLS_CA_CERT), a.text(KAFKA_TLS_CLIENT_CERT),
                a.text(KAFKA_TLS_CLIENT_KEY), kafkaGroup());
    }

    private Optional<KafkaGroupOptions> kafkaGroup() throws UsageException {
        Duration interval = a.one(INPUT_KAFKA_COMMIT_INTERVAL, Numbers::positiveDuration);
        int most = a.one(INPUT_KAFKA_MAX_UNCOMMITTED, Numbers.inRange(1, Integer.MAX_VALUE));
        Duration session = a.one(INPUT_KAFKA_SESSION_TIMEOUT, Numbers::positiveDuration);
        return a.text(INPUT_KAFKA_GROUP).map(name -> new KafkaGroupOptions(name, interval, most, session));
    }

    private List<String> hosts(Flag flag) {
        return a.text(flag).stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The HTTP filter, rewrite and sampling flags, each value parsed by the transform package. */
    private HttpTransformConfig http() throws UsageException {
        HttpTransformConfigBuilder config = new HttpTransformConfigBuilder();
        for (Flag flag : HttpSpecs.TRANSFORM_FLAGS) {
            a.all(flag, text -> {
                HttpSpecs.add(config, flag, text);
                return text;
            });
        }
        return config.build();
    }

    private CompareOptions compare() throws UsageException {
        Optional<java.nio.file.Path> report = a.optional(COMPARE_REPORT, CompareSpecs::directory);
        Optional<Double> failAbove = a.optional(COMPARE_FAIL_ABOVE, CompareSpecs::rate);
        Optional<java.net.URI> secondary = a.optional(COMPARE_SECONDARY, CompareSpecs::url);
        var ignore = a.all(COMPARE_IGNORE, CompareSpecs::ignoreRule);
        boolean enabled = a.bool(COMPARE) || report.isPresent() || failAbove.isPresent() || secondary.isPresent()
                || !ignore.isEmpty();
        return new CompareOptions(enabled, report, ignore,
                failAbove.map(java.util.OptionalDouble::of).orElse(java.util.OptionalDouble.empty()), secondary);
    }

    private PipelineOptions pipeline() throws UsageException {
        return new PipelineOptions(a.text(MIDDLEWARE), a.bool(SPLIT_OUTPUT), a.bool(RECOGNIZE_TCP_SESSIONS),
                a.one(EXIT_AFTER, Numbers::nonNegativeDuration), a.bool(STATS), a.one(VERBOSE, Numbers::verbosity),
                atLeastOne(COPY_BUFFER_SIZE));
    }
}
