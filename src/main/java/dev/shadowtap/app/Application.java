package dev.shadowtap.app;

import dev.shadowtap.cli.RunOptions;
import dev.shadowtap.compare.CompareOutput;
import dev.shadowtap.io.StdoutOutput;
import dev.shadowtap.io.file.DryRun;
import dev.shadowtap.io.file.FileInput;
import dev.shadowtap.io.file.FileInputConfig;
import dev.shadowtap.io.file.FileOutput;
import dev.shadowtap.middleware.Middleware;
import dev.shadowtap.pipeline.ReplayOutput;
import dev.shadowtap.pipeline.DeliveryLosses;
import dev.shadowtap.pipeline.Emitter;
import dev.shadowtap.pipeline.Sink;
import dev.shadowtap.pipeline.EmitterOptions;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Source;
import dev.shadowtap.core.Stats;
import dev.shadowtap.pipeline.StatsReporter;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One run of shadowtap: builds the pipeline from the options, runs it until the finite inputs end,
 * {@code --exit-after} passes or a signal arrives, then drains, flushes and reports.
 *
 * <p>Exit status: 0; 1 when an input file had no readable record (or could not be read), when an
 * output file could not be opened at start or lost records it was given (a disk that filled: one line
 * says how many), when an endpoint's rate of real response differences is above
 * {@code --compare-fail-above}, when a replay output was given requests and its target answered none
 * (down, or a wrong address), or when the middleware could not be started or stopped the run (it
 * exited, or stopped reading); 141 when {@code --output-stdout} could no longer be written (its reader
 * gone, as after {@code | head}: the status of a process SIGPIPE ended, as GoReplay's would be); the
 * command line's own errors (2) never get here.
 */
public final class Application {
    /** How long a signal waits for the pipeline to drain and flush before the JVM goes down anyway. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final RunOptions options;
    private final PrintStream out;
    private final Log log;
    private final RunControl control;

    /** The run's JFR recordings (--cpuprofile, --memprofile), set when the run starts. */
    private JfrProfiles profiles;

    public Application(RunOptions options, PrintStream out, PrintStream err) {
        this(options, out, err, new RunControl());
    }

    /** A run that {@code control} can watch start and can stop (an in-process run, e.g. the demo). */
    public Application(RunOptions options, PrintStream out, PrintStream err, RunControl control) {
        this.options = options;
        this.out = out;
        this.log = Log.to(err);
        this.control = control;
    }

    public int run() {
        try (JfrProfiles started = JfrProfiles.start(options.profiles(), log)) {
            profiles = started;
            return options.fileIn().dryRun() ? dryRun() : replay();
        } catch (IOException e) {
            log.warn(e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            // A value the command line let through but a component's config refuses; its message
            // names the flag.
            log.warn(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int dryRun() throws IOException {
        Stats stats = new Stats();
        Wiring wiring = new Wiring(options, stats, log, Wiring.newInstanceId());
        int status = 0;
        for (FileInputConfig config : wiring.fileInputConfigs()) {
            DryRun summary = wiring.dryRun(config, stats.stage("input-file " + config.pattern()));
            out.println(summary.render());
            if (summary.incomplete()) {
                status = 1;
            }
        }
        out.flush();
        return status;
    }

    @SuppressWarnings("try") // the dashboard's servers are open while the run goes, used by no line of it
    private int replay() throws IOException, InterruptedException {
        Stats stats = new Stats();
        RunPlan plan = new Wiring(options, stats, log, Wiring.newInstanceId()).plan(out, control::stop);
        for (String replies : plan.repliesWithNowhereToGo()) {
            log.warn(replies + ": the replayed responses have no output to go to (add --output-file, --output-stdout,"
                    + " --middleware or --compare-report); each is counted no-output");
        }
        try (var watchers = DashboardWiring.start(options.observe(), stats, plan, log)) {
            return replay(plan, stats);
        } catch (InterruptedException | RuntimeException e) {
            // a run that failed does not wait for its replay targets while it closes
            plan.outputs().replay().forEach(ReplayOutput::abandon);
            throw e;
        } finally {
            plan.closeAll(log);
        }
    }

    private int replay(RunPlan plan, Stats stats) throws InterruptedException {
        List<Source> inputs = plan.emitterInputs();
        Middleware middleware = plan.middleware().map(RunPlan.Detour::program).orElse(null);
        // A live input drops what a full queue cannot take, so its queues are deep; inputs that wait
        // (files) need little, and a shallow queue keeps the messages read ahead, which every young
        // collection copies, few (bench/replay: ~5 MB of them made each collection 3-10x longer).
        boolean live = inputs.stream().anyMatch(source -> source.input().live());
        Emitter emitter = new Emitter(inputs, plan.outputs().sinks(), plan.relay(),
                new EmitterOptions(options.pipeline().splitOutput(),
                        live ? EmitterOptions.DEFAULT_QUEUE_CAPACITY : EmitterOptions.WAITING_INPUTS_QUEUE_CAPACITY,
                        EmitterOptions.DEFAULT_MAX_LOGGED_ERRORS).withBySession(options.pipeline().recognizeTcpSessions()), log);
        CountDownLatch reported = new CountDownLatch(1);
        Runnable stop = () -> {
            // Inputs stop first; replay outputs then drop what they have not sent (counted), so a slow
            // target cannot hold the files' flush and the summary hostage.
            if (middleware != null) {
                middleware.stopping();
            }
            emitter.stop();
            plan.outputs().replay().forEach(ReplayOutput::abandon);
        };
        Thread hook = new Thread(() -> onSignal(stop, emitter, reported), "shadowtap-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StatsReporter reporter = new StatsReporter(stats, log);
        if (options.pipeline().stats()) {
            reporter.start();
        }
        Thread timer = exitAfter(stop, options.pipeline().exitAfter());
        control.started(stats, stop);
        try {
            emitter.run();
        } finally {
            timer.interrupt();
            reporter.close();
            if (options.pipeline().stats() || options.httpOut().tracking().stats()) {
                reporter.detailLines().forEach(log::info);
            }
            if (options.pipeline().stats()) {
                reporter.logSummary();
            } else {
                reporter.logDrops();
            }
            out.flush();
            profiles.close(); // before a signal's shutdown hook lets the JVM go: its line is printed
            reported.countDown();
            removeHook(hook);
        }
        return exitStatus(plan);
    }

    /** The run's exit status from what its parts say once it ended; each reason also logged in one line. */
    private int exitStatus(RunPlan plan) {
        int status = inputStatus(plan.inputs().files(), plan.outputs().compare());
        for (FileOutput output : plan.outputs().files()) {
            // Records an output file took and lost (a full disk): the run did not do its job.
            output.storeReport().ifPresent(log::info);
            if (output.storeLostRecords()) {
                status = 1; // an upload failed: its records are counted and kept in the buffer, not in S3
            }
            Optional<String> failure = output.failureSummary();
            if (failure.isPresent()) {
                log.warn(failure.get());
                status = 1;
            }
        }
        for (Sink sink : plan.outputs().sinks()) {
            if (sink.output() instanceof DeliveryLosses delivering) {
                Optional<String> lost = delivering.lossLine();
                if (lost.isPresent()) {
                    log.warn(lost.get());
                    status = 1;
                }
            }
        }
        for (ReplayOutput replay : plan.outputs().replay()) {
            if (replay.answeredNone()) {
                log.warn(replay + ": no request was answered (each failure is counted above by reason)");
                status = 1;
            }
        }
        if (plan.outputs().stdout().map(StdoutOutput::gone).orElse(false)) {
            status = 128 + 13; // stdout's reader gone: the status of a process SIGPIPE ended, as GoReplay's
        }
        // The middleware said why it stopped the run, in one line, when it happened.
        return plan.middleware().map(m -> m.program().failure().isPresent()).orElse(false) ? 1 : status;
    }

    private int inputStatus(List<FileInput> files, Optional<CompareOutput> compare) {
        int status = compare.map(CompareOutput::summary).map(summary -> summary.failed()).orElse(false) ? 1 : 0;
        for (FileInput file : files) {
            for (String empty : file.filesWithoutRecords()) {
                log.warn(empty + ": no readable record");
                status = 1;
            }
            if (!file.unreadableFiles().isEmpty()) {
                status = 1; // each already reported with its reason when it was skipped
            }
        }
        return status;
    }

    /** SIGINT/SIGTERM: stop the inputs, let the queues drain and the files flush, then let the JVM go. */
    private static void onSignal(Runnable stop, Emitter emitter, CountDownLatch reported) {
        stop.run();
        try {
            if (emitter.awaitTermination(SHUTDOWN_GRACE)) {
                reported.await(SHUTDOWN_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread exitAfter(Runnable stop, Duration after) {
        return Thread.ofVirtual().name("exit-after").start(() -> {
            if (after.isZero()) {
                return;
            }
            try {
                Thread.sleep(after);
                stop.run();
            } catch (InterruptedException e) {
                // the run ended first
            }
        });
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled: the hook is waiting for us and returns now
        }
    }
}
