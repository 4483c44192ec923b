package dev.shadowtap.app;

import dev.shadowtap.core.StageDetail;

import dev.shadowtap.cli.BinaryOutOptions;
import dev.shadowtap.cli.CaptureOptions;
import dev.shadowtap.cli.CompareOptions;
import dev.shadowtap.compare.CompareConfig;
import dev.shadowtap.compare.CompareOutput;
import dev.shadowtap.cli.CaptureProtocol;
import dev.shadowtap.cli.FileInOptions;
import dev.shadowtap.cli.FileOutOptions;
import dev.shadowtap.cli.HttpOutOptions;
import dev.shadowtap.cli.RunOptions;
import dev.shadowtap.http.transform.HttpTransform;
import dev.shadowtap.http.transform.HttpTransformConfig;
import dev.shadowtap.io.DummyInput;
import dev.shadowtap.io.NullOutput;
import dev.shadowtap.io.StdoutOutput;
import dev.shadowtap.io.TraceOutput;
import dev.shadowtap.io.file.ChunkStore;
import dev.shadowtap.io.file.DryRun;
import dev.shadowtap.io.file.FileInput;
import dev.shadowtap.io.file.FileInputConfig;
import dev.shadowtap.io.file.FileOutput;
import dev.shadowtap.io.file.FileOutputConfig;
import dev.shadowtap.io.http.HttpReplayConfig;
import dev.shadowtap.io.binary.BinaryReplayConfig;
import dev.shadowtap.io.binary.BinaryReplayOutput;
import dev.shadowtap.io.binary.BinaryTarget;
import dev.shadowtap.io.http.HttpReplayOutput;
import dev.shadowtap.io.raw.RawInput;
import dev.shadowtap.io.tcp.TcpInput;
import dev.shadowtap.io.tcp.TcpOutput;
import dev.shadowtap.io.raw.RawInputConfig;
import dev.shadowtap.capture.CaptureSpec;
import dev.shadowtap.capture.DeviceOptions;
import dev.shadowtap.capture.FrameRules;
import dev.shadowtap.capture.VxlanOptions;
import dev.shadowtap.http.PairingOptions;
import dev.shadowtap.middleware.MiddlewareConfig;
import dev.shadowtap.pipeline.Address;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.IoReason;
import dev.shadowtap.pipeline.Limit;
import dev.shadowtap.pipeline.LimitedInput;
import dev.shadowtap.pipeline.LimitedOutput;
import dev.shadowtap.pipeline.Limiter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.ReplayOutput;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.Source;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import dev.shadowtap.pipeline.TransformedInput;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Turns parsed options into the run's plan: its inputs, outputs and middleware, opened, each with its
 * own stage counters and its address limit ({@code |N}, {@code |N%}) applied. The one place that knows
 * both the command line and the components.
 */
final class Wiring {
    private final RunOptions options;
    private final Stats stats;
    private final Log log;
    private final String instanceId;

    Wiring(RunOptions options, Stats stats, Log log, String instanceId) {
        this.options = options;
        this.stats = stats;
        this.log = log;
        this.instanceId = instanceId;
    }

    /** The file inputs' configurations, in command-line order. */
    List<FileInputConfig> fileInputConfigs() {
        FileInOptions in = options.fileIn();
        List<FileInputConfig> configs = new ArrayList<>();
        for (Address address : options.inputs().files()) {
            double speed = address.limit() instanceof Limit.Percent p ? p.factor() : 1.0;
            configs.add(new FileInputConfig(address.value(), speed, in.loop(), in.readDepth(),
                    in.maxWait().isZero() ? null : in.maxWait(), in.dryRun()));
        }
        return configs;
    }

    /**
     * Opens the run: every input, every output, then the middleware. When a part cannot be opened,
     * the parts opened before it are closed again and the failure is thrown.
     *
     * @param stopRun stops the run when stdout's reader has gone
     */
    RunPlan plan(OutputStream stdout, Runnable stopRun) throws IOException {
        Opened opened = new Opened();
        try {
            inputs(opened);
            outputs(opened, stdout, stopRun);
            Optional<MiddlewareConfig> middleware = middlewareConfig();
            if (middleware.isPresent()) {
                opened.middleware = MiddlewareWiring.start(middleware.get(), stats, log);
            }
            return opened.plan();
        } catch (IOException | RuntimeException e) {
            opened.plan().closeAll(log);
            throw e;
        }
    }

    /** Every input, opened, into {@code opened}; file inputs also among its files, for the exit status. */
    private void inputs(Opened opened) throws IOException {
        List<Source> sources = opened.inputs;
        for (Address address : options.inputs().raw()) {
            StageStats stage = stats.stage("input-raw " + address.value());
            RawInput input = RawInput.open(rawConfig(address.value()), stage,
                    stats.stage("input-raw-tcp " + address.value()), log);
            stats.detail(input.health());
            if (options.pipeline().verbose() >= 1) {
                log.info("input-raw " + address.value() + ": capturing (" + input.describe() + ")");
            }
            sources.add(new Source(limited(filtered(input, stage), address.limit(), stage), stage));
        }
        List<Address> fileAddresses = options.inputs().files();
        List<FileInputConfig> configs = fileInputConfigs();
        for (int i = 0; i < configs.size(); i++) {
            StageStats stage = stats.stage("input-file " + fileAddresses.get(i).value());
            FileInput input = new FileStores(options, log).fileInput(configs.get(i), stage);
            opened.fileInputs.add(input);
            if (options.pipeline().verbose() >= 1) {
                log.info("input-file " + configs.get(i).pattern() + ": " + input.files().size() + " file(s) "
                        + input.files() + " at " + Math.round(configs.get(i).speed() * 100) + "%");
            }
            // On a file a percentage is a speed factor; only |N (per second) limits what passes.
            Limit limit = fileAddresses.get(i).limit() instanceof Limit.PerSecond ps ? ps : Limit.NONE;
            sources.add(new Source(limited(filtered(input, stage), limit, stage), stage));
        }
        for (Address address : options.inputs().tcp()) {
            StageStats stage = stats.stage("input-tcp " + address.value());
            TcpInput input = TcpInput.open(TcpWiring.input(address.value(), options.tcp().input(),
                    options.pipeline().copyBufferSize()), stage, log);
            log.info("input-tcp " + address.value() + ": listening (" + input.describe() + ")");
            stats.detail(input.link());
            sources.add(new Source(limited(filtered(input, stage), address.limit(), stage), stage));
        }
        if (options.kafka().input().isPresent()) {
            sources.add(KafkaWiring.input(options.kafka(), stats, log, this::filtered));
        }
        for (int i = 0; i < options.inputs().dummies(); i++) {
            StageStats stage = stats.stage("input-dummy");
            sources.add(new Source(filtered(new DummyInput(), stage), stage));
        }
    }

    /** The settings of one {@code --input-raw}, from the shared {@code --input-raw-*} flags. */
    RawInputConfig rawConfig(String address) throws IOException {
        CaptureOptions c = options.capture();
        int maxBody = (int) Math.min(Integer.MAX_VALUE - 8L, options.pipeline().copyBufferSize());
        CaptureOptions.Device d = c.device();
        CaptureSpec capture = new CaptureSpec(address, c.engine(),
                new DeviceOptions(d.bpfFilter(), d.bufferSize(), d.bufferTimeout(), d.overrideSnaplen(),
                        d.promiscuous(), d.monitor(), d.timestampType()),
                new FrameRules(c.frames().vlan(), new HashSet<>(c.frames().vlanIds()), c.frames().ignoreInterfaces()),
                new VxlanOptions(c.vxlan().port(), new HashSet<>(c.vxlan().vnis())));
        CaptureOptions.Pairing p = c.pairing();
        return new RawInputConfig(capture, c.expire(), c.protocol() == CaptureProtocol.BINARY,
                new PairingOptions(p.trackResponse(), p.allowIncomplete(), p.realIpHeader(), maxBody, p.maxHeadBytes()), c.stats(),
                RawInputConfig.DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * The HTTP filters, rewrites and consistent sampling, applied to an input of original traffic
     * (not to a replay output's replies, which answer requests that were already filtered). Each
     * input gets its own transform: it remembers per id which requests it dropped, to drop their
     * responses too.
     */
    private Input filtered(Input input, StageStats stage) {
        HttpTransformConfig config = transformConfig();
        return config.isEmpty() ? input : new TransformedInput(input, new HttpTransform(config, stage));
    }

    HttpTransformConfig transformConfig() {
        return options.http();
    }

    /** Every output, opened, into {@code opened}; {@code stopRun} stops the run when stdout's reader has gone. */
    private void outputs(Opened opened, OutputStream stdout, Runnable stopRun) throws IOException {
        List<Sink> sinks = opened.outputs;
        if (options.outputs().stdout()) {
            StageStats stage = stats.stage("output-stdout");
            StdoutOutput stdoutOutput = new StdoutOutput(stdout, options.rewrites().prettify(), stage, () -> {
                log.warn("output-stdout: stdout can no longer be written (its reader has gone, as after | head,"
                        + " or a write failed): the run stops");
                stopRun.run();
            });
            opened.stdout = stdoutOutput;
            sinks.add(new Sink(stdoutOutput, stage));
        }
        if (options.outputs().discard()) {
            StageStats stage = stats.stage("output-null");
            sinks.add(new Sink(new NullOutput(), stage));
        }
        FileOutOptions out = options.fileOut();
        for (Address address : options.outputs().files()) {
            StageStats stage = stats.stage("output-file " + address.value());
            FileOutputConfig config = new FileOutputConfig(address.value(), out.append(), out.sizeLimit(),
                    out.queueLimit(), out.maxSizeLimit(), out.flushInterval());
            ChunkStore store = new FileStores(options, log).chunkStore(address.value(), stage);
            FileOutput output = new FileOutput(config, store, stage, log, Clock.systemDefaultZone(), instanceId);
            opened.fileOutputs.add(output);
            sinks.add(new Sink(limited(output, address.limit(), stage), stage));
        }
        if (options.kafka().output().isPresent()) {
            sinks.add(KafkaWiring.output(options.kafka(), stats, log));
        }
        if (!options.outputs().http().isEmpty() && transformConfig().rewritesHost() && !originalHost()) {
            log.warn("--http-rewrite-header Host: --output-http still sends its target's address as Host, as GoReplay"
                    + " does; add --http-original-host to send the rewritten Host (or --http-set-header 'Host: ...')");
        }
        for (Address address : options.outputs().tcp()) {
            StageStats stage = stats.stage("output-tcp " + address.value());
            TcpOutput output = new TcpOutput(TcpWiring.output(address.value(), options.tcp().output(),
                    options.pipeline().recognizeTcpSessions()), stage, log);
            stats.detail(output.link());
            sinks.add(new Sink(limited(output, address.limit(), stage), stage));
        }
        for (Address address : options.outputs().http()) {
            HttpReplayOutput output = new HttpReplayOutput(httpConfig(address.value()), stats, log);
            replay(opened, sinks, output, address.limit(), output.stats().stage(), output.replies(), output.repliesStage(),
                    output.stats());
        }
        for (Address address : options.outputs().binary()) {
            BinaryReplayOutput output = new BinaryReplayOutput(binaryConfig(address.value()), stats, log);
            replay(opened, sinks, output, address.limit(), output.stats().stage(), output.replies(), output.repliesStage(),
                    output.stats());
        }
        if (options.compare().enabled()) {
            CompareOptions c = options.compare();
            StageStats stage = stats.stage("compare");
            CompareOutput compareOutput = new CompareOutput(CompareConfig.of(c.reportDir().orElse(null), c.ignore(),
                    c.failAbove(), c.secondary().orElse(null)), stage, stats, log);
            opened.compare = compareOutput;
            sinks.add(new Sink(compareOutput, stage));
        }
        if (options.pipeline().verbose() >= 2) {
            sinks.add(new Sink(new TraceOutput(log), stats.stage("verbose-trace")));
        }
    }

    /** {@code --middleware}'s settings, when it is given. */
    Optional<MiddlewareConfig> middlewareConfig() {
        return options.pipeline().middleware().map(command -> MiddlewareConfig.of(command,
                Math.min(Integer.MAX_VALUE - 8L, options.pipeline().copyBufferSize())));
    }

    private HttpReplayConfig httpConfig(String url) throws IOException {
        HttpOutOptions http = options.httpOut();
        URI target;
        try {
            target = new URI(url.contains("://") ? url : "http://" + url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--output-http " + url + ": not a URL (" + e.getReason() + ")");
        }
        try {
            HttpOutOptions.Pool pool = http.pool();
            HttpOutOptions.Tracking tracking = http.tracking();
            return new HttpReplayConfig(new HttpReplayConfig.Target(target, http.target().skipVerify()),
                    new HttpReplayConfig.Pool(Math.max(1, pool.workersMin()), pool.workersMax(), pool.queueLen(),
                            options.pipeline().recognizeTcpSessions()),
                    new HttpReplayConfig.Timeouts(http.timeouts().request(), http.timeouts().workerIdle()),
                    new HttpReplayConfig.Rewriting(originalHost(), http.rewriting().redirects()),
                    new HttpReplayConfig.Tracking(tracking.trackResponse(), responseBuffer(tracking),
                            tracking.stats() ? tracking.statsInterval() : null));
        } catch (IllegalArgumentException e) {
            // The config names the flag itself; a bad value is a usage error (status 2).
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith("--") ? message : "--output-http " + url + ": " + message);
        }
    }

    /**
     * Whether an {@code --output-http} keeps the request's Host: {@code --http-original-host}, or a Host
     * set by {@code --http-set-header}, which must be the one the target sees (as in GoReplay).
     */
    private boolean originalHost() {
        return options.httpOut().rewriting().originalHost() || transformConfig().setsHost();
    }

    /**
     * The settings of one {@code --output-binary}, from the shared {@code --output-binary-*} flags. A
     * reply is kept up to GoReplay's 100 KiB; with {@code --compare*} up to what the comparison takes,
     * as a reply cut short would differ from the recorded one where the target did not.
     */
    BinaryReplayConfig binaryConfig(String address) {
        BinaryOutOptions b = options.binaryOut();
        int buffer = b.responseBuffer() > 0 ? (int) Math.min(Integer.MAX_VALUE - 8L, b.responseBuffer())
                : options.compare().enabled() ? Math.max(BinaryReplayConfig.DEFAULT_RESPONSE_BUFFER, CompareConfig.DEFAULT_MAX_BODY)
                : BinaryReplayConfig.DEFAULT_RESPONSE_BUFFER;
        return new BinaryReplayConfig(BinaryTarget.parse(address), b.workers(), b.timeout(),
                new BinaryReplayConfig.Reply(b.trackResponse(), buffer), b.debug());
    }

    /** A replay output in the plan: limited by its {@code |N}, its replies an input of the run, its counters a detail. */
    private void replay(Opened opened, List<Sink> sinks, ReplayOutput output, Limit limit, StageStats stage, Input replies,
                        StageStats repliesStage, StageDetail detail) {
        Output limitedOutput = limit instanceof Limit.None ? output : new LimitedOutput(output, Limiter.of(limit, stage), true);
        sinks.add(new Sink(limitedOutput, stage, replies));
        if (replies != null) {
            opened.replies.add(new Source(replies, repliesStage));
        }
        opened.replayOutputs.add(output);
        stats.detail(detail);
    }

    /**
     * {@code --output-http-response-buffer}, when given; else, with {@code --compare*}, as much as the
     * comparison decodes ({@link CompareConfig#DEFAULT_MAX_BODY}): a reply cut at the default 1 MiB
     * could not be compared.
     */
    private int responseBuffer(HttpOutOptions.Tracking tracking) {
        if (tracking.responseBuffer() > 0) {
            return (int) Math.min(Integer.MAX_VALUE - 8, tracking.responseBuffer());
        }
        return options.compare().enabled()
                ? Math.max(HttpReplayConfig.DEFAULT_RESPONSE_BUFFER, CompareConfig.DEFAULT_MAX_BODY)
                : HttpReplayConfig.DEFAULT_RESPONSE_BUFFER;
    }

    /** {@code --input-file-dry-run} of one input: its local files or its S3 objects, read once. */
    DryRun dryRun(FileInputConfig config, StageStats stage) throws IOException {
        return new FileStores(options, log).dryRun(config, stage);
    }

    /**
     * Refuses at start, in one line, an --output-file that can never be written (a directory, a
     * directory that cannot be made, one where no file can be created), instead of counting every
     * record as a write error. A file is created and deleted to find out: permission bits do not tell
     * (root may write anywhere, yet not in /proc, nor on a read-only mount).
     */
    static void checkWritable(String pattern) throws IOException {
        // The directory part before any %-placeholder is fixed: it must be, or become, a directory.
        int placeholder = pattern.indexOf('%');
        String fixed = placeholder < 0 ? pattern : pattern.substring(0, placeholder);
        Path path = Path.of(fixed.isEmpty() ? "." : fixed).toAbsolutePath();
        if (placeholder < 0 && (Files.isDirectory(path) || pattern.endsWith("/"))) {
            throw new IOException("--output-file " + pattern + ": is a directory, not a file name");
        }
        Path dir = placeholder < 0 || fixed.endsWith("/") ? (placeholder < 0 ? path.getParent() : path)
                : path.getParent();
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("--output-file " + pattern + ": cannot create directory " + dir + " ("
                    + IoReason.creatingDirectory(dir, e) + ")");
        }
        Path probe = dir.resolve(".shadowtap-probe-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()));
        try {
            Files.createFile(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("--output-file " + pattern + ": cannot create a file in " + dir + " ("
                    + reason(e) + ")");
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("--output-file " + pattern + ": cannot remove a file created in " + dir + " ("
                    + reason(e) + ")");
        }
    }

    /** Why a file operation failed, in a few words. */
    private static String reason(Exception e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such file or directory";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static Input limited(Input input, Limit limit, StageStats stage) {
        return limit instanceof Limit.None ? input : new LimitedInput(input, Limiter.of(limit, stage));
    }

    private static Output limited(Output output, Limit limit, StageStats stage) {
        return limit instanceof Limit.None ? output : new LimitedOutput(output, Limiter.of(limit, stage));
    }

    /** A short random id for {@code %i} in output file names, one per process as in GoReplay. */
    static String newInstanceId() {
        return Long.toHexString(new SplittableRandom().nextLong() & 0xffffffffL);
    }

    /** What {@link #plan} has opened so far; never leaves it but as an immutable {@link RunPlan}. */
    private static final class Opened {
        final List<Source> inputs = new ArrayList<>();
        final List<FileInput> fileInputs = new ArrayList<>();
        final List<Sink> outputs = new ArrayList<>();
        final List<Source> replies = new ArrayList<>();
        final List<ReplayOutput> replayOutputs = new ArrayList<>();
        final List<FileOutput> fileOutputs = new ArrayList<>();
        StdoutOutput stdout;
        CompareOutput compare;
        RunPlan.Detour middleware;

        RunPlan plan() {
            return new RunPlan(new RunPlan.Inputs(inputs, fileInputs),
                    new RunPlan.Outputs(outputs, replies, replayOutputs, fileOutputs, Optional.ofNullable(stdout),
                            Optional.ofNullable(compare)),
                    Optional.ofNullable(middleware));
        }
    }
}
