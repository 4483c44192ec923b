package dev.shadowtap.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The entry point of the command line: {@code parse(args)} never throws and never prints; it returns
 * what to do. Usage errors are one line with exit status 2.
 * <p>
 * How the package fits together: {@link FlagParser} reads the arguments against the {@link Flag} table
 * with Go's flag rules ({@code --x} and {@code -x}, {@code =} attaches a value, the last value wins) into
 * {@link ParsedFlags}, reporting the first mistake as one line. The values, still the strings the user
 * typed, are then typed by {@link OptionsBuilder} with the value parsers ({@link Sizes},
 * {@link GoDurations}, {@link Addresses}, {@link HttpSpecs}) into {@link RunOptions}; {@link Support}
 * says which flags work today. {@code --help} is our own {@link HelpText}.
 */
public final class CommandLine {
    /** Exit status of a usage error, as Go's flag package. */
    public static final int USAGE_ERROR = 2;
    /** Subcommands, taken from the first argument when it names one (e.g. a future {@code demo}). */
    private static final Set<String> SUBCOMMANDS = Set.of();
    /** The SASL mechanisms of {@code --*-kafka-mechanism}, GoReplay's. */
    private static final Set<String> SASL_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private CommandLine() {
    }

    public static ParseResult parse(String... args) {
        try {
            return parseOrThrow(Arrays.asList(args));
        } catch (UsageException e) {
            return new ParseResult.Failure(oneLine(e.getMessage()), USAGE_ERROR);
        } catch (RuntimeException e) {
            return new ParseResult.Failure(oneLine("internal error reading the command line: " + e), USAGE_ERROR);
        }
    }

    private static ParseResult parseOrThrow(List<String> args) throws UsageException {
        if (!args.isEmpty() && SUBCOMMANDS.contains(args.getFirst())) {
            throw new UsageException("command not built yet: " + args.getFirst());
        }
        return switch (FlagParser.parse(args)) {
            case FlagParser.Scan.HelpRequested h -> new ParseResult.Help(HelpText.render());
            case FlagParser.Scan.VersionRequested v -> new ParseResult.Version(VersionText.render());
            case FlagParser.Scan.Flags flags -> run(flags);
        };
    }

    private static ParseResult run(FlagParser.Scan.Flags flags) throws UsageException {
        for (Flag flag : flags.order()) {
            if (Support.refusal(flag).isPresent()) {
                throw new UsageException(flag.display() + " is not taken: " + Support.refusal(flag).get());
            }
            if (!Support.isSupported(flag)) {
                throw new UsageException("not supported yet: " + flag.display());
            }
        }
        CaptureRules.checkAddresses(flags.parsed().valuesOf(Flag.INPUT_RAW));
        OptionsBuilder builder = new OptionsBuilder(flags.parsed());
        RunOptions options = builder.build();
        requireInputAndOutput(options);
        requireKafkaTopics(options);
        requireKafkaTlsPairs(options.kafka());
        if (options.observe().showPayloads() && options.observe().dashboard().isEmpty() && options.observe().pprof().isEmpty()) {
            throw new UsageException("--dashboard-show-payloads needs --dashboard (or --http-pprof): nothing shows payloads without it");
        }
        requireKafkaGroup(options, flags.order());
        requireRepliesToCompare(options, flags);
        CaptureRules.check(options.capture(), flags.order());
        return new ParseResult.Run(options, builder.notes());
    }

    /** GoReplay needs at least one input and one output; a dry run needs only the input. */
    private static void requireInputAndOutput(RunOptions o) throws UsageException {
        InputOptions in = o.inputs();
        boolean hasInput = !in.raw().isEmpty() || !in.files().isEmpty() || !in.tcp().isEmpty() || in.dummies() > 0
                || o.kafka().input().isPresent();
        if (!hasInput) {
            throw new UsageException("no input given: add at least one, e.g. --input-file requests.gor (see --help)");
        }
        OutputOptions out = o.outputs();
        boolean hasOutput = out.stdout() || out.discard() || !out.files().isEmpty() || !out.http().isEmpty()
                || !out.binary().isEmpty() || !out.tcp().isEmpty() || !out.ws().isEmpty() || o.kafka().output().isPresent();
        if (!hasOutput && !o.fileIn().dryRun()) {
            throw new UsageException("no output given: add at least one, e.g. --output-stdout or "
                    + "--output-file requests.gor (see --help)");
        }
    }

    /** A Kafka input or output needs its topic and at least one broker; SASL a known mechanism and credentials. */
    private static final java.util.regex.Pattern KAFKA_BROKER = java.util.regex.Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):\\d{1,5}");
    private static final java.util.regex.Pattern KAFKA_TOPIC = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private static void requireKafkaTopics(RunOptions o) throws UsageException {
        for (var side : java.util.List.of(java.util.Map.entry("input", o.kafka().input()),
                java.util.Map.entry("output", o.kafka().output()))) {
            if (side.getValue().isEmpty()) {
                continue;
            }
            KafkaEndpoint endpoint = side.getValue().get();
            String prefix = "--" + side.getKey() + "-kafka-";
            if (endpoint.hosts().isEmpty()) {
                throw new UsageException(prefix + "host needs at least one broker, e.g. 127.0.0.1:9092");
            }
            if (endpoint.topic().filter(t -> !t.isBlank()).isEmpty()) {
                throw new UsageException(prefix + "host needs " + prefix + "topic");
            }
            for (String host : endpoint.hosts()) {
                if (!KAFKA_BROKER.matcher(host).matches()) {
                    throw new UsageException("invalid value for " + prefix + "host: '" + host
                            + "' (expected HOST:PORT, comma separated, e.g. 127.0.0.1:9092)");
                }
            }
            String topic = endpoint.topic().get();
            if (!KAFKA_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new UsageException("invalid value for " + prefix + "topic: '" + topic
                        + "' (Kafka topic names are 1-249 of a-z A-Z 0-9 . _ -)");
            }
            KafkaEndpoint.Sasl sasl = endpoint.sasl();
            if (!sasl.enabled()) {
                if (sasl.mechanism().isPresent() || sasl.username().isPresent() || sasl.password().isPresent()) {
                    throw new UsageException(prefix + "mechanism, -username and -password need " + prefix + "use-sasl");
                }
                continue;
            }
            String mechanism = sasl.mechanism().orElse("PLAIN");
            if (!SASL_MECHANISMS.contains(mechanism.toUpperCase(java.util.Locale.ROOT))) {
                throw new UsageException("invalid value for " + prefix + "mechanism: '" + mechanism
                        + "' (expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)");
            }
            if (sasl.username().isEmpty() || sasl.password().isEmpty()) {
                throw new UsageException(prefix + "use-sasl needs " + prefix + "username and " + prefix + "password");
            }
        }
    }

    /** The Kafka TLS files serve a Kafka side; a client certificate goes with its key. */
    private static void requireKafkaTlsPairs(KafkaOptions k) throws UsageException {
        boolean any = k.tlsCaCert().isPresent() || k.tlsClientCert().isPresent() || k.tlsClientKey().isPresent();
        if (any && k.input().isEmpty() && k.output().isEmpty()) {
            String flag = k.tlsCaCert().isPresent() ? "ca-cert" : k.tlsClientCert().isPresent() ? "client-cert" : "client-key";
            throw new UsageException("--kafka-tls-" + flag + " needs --input-kafka-host or --output-kafka-host");
        }
        if (k.tlsClientCert().isPresent() != k.tlsClientKey().isPresent()) {
            throw new UsageException(k.tlsClientCert().isPresent() ? "--kafka-tls-client-cert needs --kafka-tls-client-key"
                    : "--kafka-tls-client-key needs --kafka-tls-client-cert");
        }
    }

    /**
     * The group's settings need the group, the group a Kafka input, and a group starts where it committed
     * (or, the first time, at -1 or -2), never at one offset for every partition.
     */
    private static void requireKafkaGroup(RunOptions o, java.util.Collection<Flag> given) throws UsageException {
        if (o.kafka().group().isEmpty()) {
            for (Flag f : List.of(Flag.INPUT_KAFKA_COMMIT_INTERVAL, Flag.INPUT_KAFKA_MAX_UNCOMMITTED, Flag.INPUT_KAFKA_SESSION_TIMEOUT)) {
                if (given.contains(f)) {
                    throw new UsageException(f.display() + " needs --input-kafka-group");
                }
            }
            return;
        }
        if (o.kafka().input().isEmpty()) {
            throw new UsageException("--input-kafka-group needs --input-kafka-host and --input-kafka-topic");
        }
        if (o.kafka().group().get().name().isBlank()) {
            throw new UsageException("--input-kafka-group needs a name");
        }
        long offset = o.kafka().input().get().offset().offset();
        if (offset >= 0) {
            throw new UsageException("--input-kafka-offset " + offset + " with --input-kafka-group: a group goes on where"
                    + " it committed; -2 (oldest) or -1 (newest) says where a partition it never committed starts");
        }
    }

    /**
     * A comparison needs the replayed responses: an --output-http with --output-http-track-response, or
     * an --output-binary with --output-binary-track-response; and one target only.
     */
    private static void requireRepliesToCompare(RunOptions o, FlagParser.Scan.Flags flags) throws UsageException {
        if (!o.compare().enabled()) {
            return;
        }
        Flag named = flags.order().stream().filter(f -> f.section() == Section.COMPARE).findFirst().orElse(Flag.COMPARE);
        boolean httpReplies = !o.outputs().http().isEmpty() && o.httpOut().tracking().trackResponse();
        boolean binaryReplies = !o.outputs().binary().isEmpty() && o.binaryOut().trackResponse();
        if (!httpReplies && !binaryReplies) {
            throw new UsageException(named.display() + " needs --output-http URL with --output-http-track-response"
                    + " (the replayed responses it compares), or --output-binary ADDR with --output-binary-track-response");
        }
        if (o.pipeline().splitOutput()) {
            throw new UsageException(named.display() + " cannot be used with --split-output (it must see every record)");
        }
        int targets = o.outputs().http().size() + o.outputs().binary().size();
        if (targets > 1) {
            throw new UsageException(named.display() + " compares the answers of one target: give one --output-http"
                    + " or --output-binary, not " + targets);
        }
    }

    /** Control characters from user values are escaped so the message stays on one line. */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
