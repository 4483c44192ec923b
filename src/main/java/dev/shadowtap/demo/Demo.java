package dev.shadowtap.demo;

import dev.shadowtap.core.IoReason;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code shadowtap demo}: the whole mission on one machine in a few seconds. Starts v1 and v2 of the
 * demo shop, sends the traffic mix to v1 while capturing it live (or, when that is impossible,
 * recording it from the client side), replays the capture to v2 at full speed, and tells where the
 * comparison report is. One line per step, with its time and the command that does it.
 */
public final class Demo {
    static final String NOT_ROOT_NOTE = "not root: recording the demo traffic from the client side instead of capturing it";
    private static final int CONNECTIONS = 4;
    private static final long SEED = 20_26L;
    private static final int MAX_PAUSE_MILLIS = 3;
    private static final Duration CAPTURE_START = Duration.ofSeconds(10);
    private static final Duration CAPTURE_CATCH_UP = Duration.ofSeconds(5);
    private static final Duration RUN_END = Duration.ofSeconds(30);

    private final DemoOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock = Clock.systemUTC();

    public Demo(DemoOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** {@code shadowtap demo ARGS}: parses them (bad one: one line, status 2), runs the demo, returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("shadowtap demo: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        return new Demo(options, out, err).run();
    }

    /** Runs the demo; 0 when every step did its whole job. */
    public int run() {
        return execute().map(DemoResult::status).orElse(1);
    }

    /** Runs the demo; empty when a step could not run at all (said in one line on stderr). */
    public Optional<DemoResult> execute() {
        try {
            return Optional.of(steps());
        } catch (IOException e) {
            err.println("shadowtap demo: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("shadowtap demo: interrupted");
            return Optional.empty();
        } finally {
            out.flush();
        }
    }

    private DemoResult steps() throws IOException, InterruptedException {
        long begin = System.nanoTime();
        FileTime started = FileTime.from(clock.instant());
        Path dir = directory();
        Path gor = dir.resolve("demo.gor");
        Path replayed = dir.resolve("replayed.gor");
        Path reportDir = dir.resolve("report");
        Files.deleteIfExists(gor);
        Files.deleteIfExists(replayed);
        out.println("shadowtap demo: files in " + dir);
        try (DemoService v1 = DemoService.start(ServiceVersion.V1);
             DemoService v2 = DemoService.start(ServiceVersion.V2)) {
            out.println("1. started the shop service: v1 on 127.0.0.1:" + v1.port() + ", v2 (with a deliberate"
                    + " regression) on 127.0.0.1:" + v2.port() + took(begin));
            TrafficMix mix = new TrafficMix(new TrafficMix.Config(options.requests(), CONNECTIONS, SEED, MAX_PAUSE_MILLIS));
            Recording recording = record(mix, v1, gor);
            Replay replay = replay(gor, v2, replayed, reportDir, recording.captured().requests());
            Path report = reportDir.resolve("report.html");
            if (Files.exists(report) && Files.getLastModifiedTime(report).compareTo(started) >= 0) {
                out.println("4. report: " + report);
            }
            out.println("   v2's deliberate regression: GET /api/products/{id} applies the tax twice to "
                    + ShopData.REGRESSED_CATEGORY + " prices");
            out.println(String.format(Locale.ROOT, "done in %.1f s", seconds(begin)));
            boolean ok = recording.complete() && replay.ok();
            return new DemoResult(ok ? 0 : 1, dir, recording.live(), recording.sent(), recording.captured(),
                    replay.summary(), v2.requestsServed());
        }
    }

    /** What step 3 left in replayed.gor, and whether v2 answered every request. */
    private record Replay(GorSummary summary, boolean ok) {
    }

    /** What step 2 left in demo.gor, and whether every request sent is in it with its response. */
    private record Recording(TrafficMix.Result sent, GorSummary captured, boolean live, boolean runOk) {
        boolean complete() {
            return runOk && captured.requests() == sent.sent() && captured.requestsWithResponse() == sent.sent();
        }
    }

    /** Step 2: the traffic mix to v1, captured live when possible, else recorded by the client. */
    private Recording record(TrafficMix mix, DemoService v1, Path gor) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> captureArgs = DemoSteps.captureArgs(v1.port(), gor);
        if (options.liveCapture()) {
            InProcessRun capture = InProcessRun.start(captureArgs);
            if (awaitStart(capture)) {
                return captureLive(mix, v1, gor, capture, captureArgs, start);
            }
            InProcessRun.Outcome refused = outcome(capture);
            out.println(refused.err().contains("root or CAP_NET_RAW") ? NOT_ROOT_NOTE
                    : "live capture impossible (" + firstLine(refused) + "): recording the demo traffic from the"
                    + " client side instead");
        }
        TrafficMix.Result sent;
        try (GorRecorder recorder = new GorRecorder(gor)) {
            sent = mix.run(v1.address(), recorder, clock);
        }
        GorSummary captured = GorSummary.of(gor);
        out.println("2. sent " + sent.sent() + " requests to v1 over " + CONNECTIONS + " keep-alive connections and"
                + " recorded them from the client side: " + counts(captured) + " -> " + gor.getFileName() + took(start));
        return check(new Recording(sent, captured, false, true));
    }

    private Recording captureLive(TrafficMix mix, DemoService v1, Path gor, InProcessRun capture,
                                  List<String> captureArgs, long start) throws IOException, InterruptedException {
        TrafficMix.Result sent;
        try {
            sent = mix.run(v1.address(), ExchangeRecorder.NONE, clock);
            awaitCaptured(capture, "input-raw 127.0.0.1:" + v1.port(), 2L * sent.sent());
        } finally {
            capture.control().stop();
        }
        InProcessRun.Outcome outcome = outcome(capture);
        GorSummary captured = GorSummary.of(gor);
        out.println("2. sent " + sent.sent() + " requests to v1 over " + CONNECTIONS + " keep-alive connections and"
                + " captured them live: " + counts(captured) + " -> " + gor.getFileName() + took(start));
        out.println("   $ sudo " + DemoSteps.shellLine(captureArgs));
        showErrors(outcome);
        return check(new Recording(sent, captured, true, outcome.status() == 0));
    }

    private Recording check(Recording recording) {
        if (!recording.complete()) {
            err.println("shadowtap demo: demo.gor holds " + recording.captured().requestsWithResponse() + " of the "
                    + recording.sent().sent() + " requests with their responses"
                    + (recording.runOk() ? "" : " (the capture run failed)"));
        }
        return recording;
    }

    /** Step 3: demo.gor replayed to v2 as fast as it answers. */
    private Replay replay(Path gor, DemoService v2, Path replayed, Path reportDir, long requests) throws IOException {
        long start = System.nanoTime();
        List<String> args = DemoSteps.replayArgs(gor, v2.port(), CONNECTIONS, replayed, reportDir);
        InProcessRun.Outcome outcome = InProcessRun.runToEnd(args);
        GorSummary summary = GorSummary.of(replayed);
        out.println("3. replayed " + gor.getFileName() + " to v2 at full speed: " + summary.requests() + " requests, "
                + summary.replayed() + " answers from v2 (" + statuses(summary.replayedStatuses()) + ") -> "
                + replayed.getFileName() + took(start));
        out.println("   $ " + DemoSteps.shellLine(args));
        // the comparison's summary is the demo's result: on stdout; anything else the run said on stderr
        outcome.err().lines().filter(line -> line.startsWith("compare")).forEach(line -> out.println("   " + line));
        outcome.err().lines().filter(line -> !line.isBlank() && !line.startsWith("compare"))
                .forEach(line -> err.println("   " + line));
        boolean ok = outcome.status() == 0 && summary.requestsWithReplay() == requests && v2.requestsServed() == requests;
        if (!ok) {
            err.println("shadowtap demo: v2 got " + v2.requestsServed() + " of " + requests + " requests, "
                    + summary.requestsWithReplay() + " answers were recorded (exit status " + outcome.status() + ")");
        }
        return new Replay(summary, ok);
    }

    /** Waits until the capture listens; false when its run ended first (it could not start). */
    private static boolean awaitStart(InProcessRun capture) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + CAPTURE_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (capture.control().awaitStarted(Duration.ofMillis(50))) {
                return true;
            }
            if (capture.outcome().isDone()) {
                return false;
            }
        }
        capture.control().stop();
        throw new IOException("the live capture did not start within " + CAPTURE_START.toSeconds() + " s");
    }

    /**
     * Lets the capture catch up with the traffic: the client has every response once the server sent
     * it, the capture thread sees the packets a moment later. Waits until the input counted
     * {@code expected} messages, at most {@link #CAPTURE_CATCH_UP}; what is still missing then is
     * reported by the check of demo.gor.
     */
    private static void awaitCaptured(InProcessRun capture, String stageName, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + CAPTURE_CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            long seen = capture.control().stats().map(stats -> stats.stages().stream()
                    .filter(stage -> stage.name().equals(stageName)).mapToLong(StageStats::messages).sum()).orElse(0L);
            if (seen >= expected) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static InProcessRun.Outcome outcome(InProcessRun run) throws IOException, InterruptedException {
        try {
            return run.outcome().get(RUN_END.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the capture run failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the capture run did not end within " + RUN_END.toSeconds() + " s of its stop");
        }
    }

    private void showErrors(InProcessRun.Outcome outcome) {
        outcome.err().lines().filter(line -> !line.isBlank()).forEach(line -> err.println("   " + line));
    }

    private Path directory() throws IOException {
        if (options.dir().isPresent()) {
            Path dir = options.dir().get().toAbsolutePath();
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IOException("--dir " + dir + ": cannot create the directory ("
                        + IoReason.creatingDirectory(dir, e) + ")");
            }
        }
        try {
            return Files.createTempDirectory("shadowtap-demo-");
        } catch (IOException e) {
            throw new IOException("cannot create a directory in " + System.getProperty("java.io.tmpdir")
                    + " (" + IoReason.of(e) + "): choose one with --dir DIR");
        }
    }

    private static String firstLine(InProcessRun.Outcome outcome) {
        return outcome.err().lines().findFirst().map(line -> line.replaceFirst("^shadowtap: ", ""))
                .orElse("exit status " + outcome.status());
    }

    private static String counts(GorSummary summary) {
        return summary.requests() + " requests, " + summary.responses() + " responses";
    }

    private static String statuses(Map<Integer, Long> statuses) {
        return statuses.isEmpty() ? "none" : statuses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String took(long startNs) {
        return String.format(Locale.ROOT, "  [%.1f s]", seconds(startNs));
    }

    private static double seconds(long startNs) {
        return (System.nanoTime() - startNs) / 1e9;
    }
}
