package dev.shadowtap.demo;

import dev.shadowtap.Main;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The training runs of the JVM's ahead-of-time caches (JEP 483/514): the launcher runs each once per
 * build with {@code -XX:AOTCacheOutput}, and every later start maps the classes it loaded and linked
 * (ours, the JDK's, the lambdas and string concatenations it resolved) instead of loading them again.
 * The full training ({@code StartupTraining DIR JAR}) records the demo's traffic mix from the client
 * side (no capture on any interface), replays it at full speed to a quick loopback target, copies it
 * to another file, forwards it over --output-tcp to an --input-tcp in the same JVM whose dashboard is
 * scraped meanwhile, passes it through {@code --middleware cat}, and loads every other class of the jar
 * without running it (capture, comparison). The file-job training ({@code StartupTraining DIR JAR
 * files}) does only the recording, the replay, the copy and the middleware: the cache of a run that
 * reads only files, which maps half the pages (a start ~40 ms sooner, docs/LAUNCHER.md). Everything
 * stays on loopback, in the directory given. The launcher keeps no method profiles (JEP 515) from
 * either: measured, they made a replay slower (docs/BENCHMARKS.md, "start-up").
 */
public final class StartupTraining {
    private static final int REQUESTS = 2_000;

    private StartupTraining() {
    }

    /** {@code StartupTraining DIR JAR [files]}: trains in DIR; exit status 0 when every run succeeded. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean filesOnly = args.length == 3 && args[2].equals("files");
        if (args.length != 2 && !filesOnly) {
            System.err.println("usage: StartupTraining DIR JAR [files]");
            System.exit(2);
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.exit(filesOnly ? trainFileJobs(Path.of(args[0]), quiet) : train(Path.of(args[0]), Path.of(args[1]), quiet));
    }

    /** The full training: the file jobs, then the tcp forward with a dashboard, then every class of the jar. */
    static int train(Path dir, Path jar, PrintStream quiet) throws IOException, InterruptedException {
        int status = trainFileJobs(dir, quiet);
        status |= forwardOverTcp(dir.resolve("training.gor"));
        loadAll(jar);
        return status;
    }

    /**
     * The jobs a run that reads only files does: replay to http, copy to a file, through middleware.
     * The recording is made here unless DIR holds one (the launcher trains the full cache first, in the
     * same directory): then the demo service's classes stay out of this cache.
     */
    static int trainFileJobs(Path dir, PrintStream quiet) throws IOException, InterruptedException {
        Path recorded = dir.resolve("training.gor");
        if (!Files.isRegularFile(recorded)) {
            try (DemoService service = DemoService.start(ServiceVersion.V1); GorRecorder recorder = new GorRecorder(recorded)) {
                new TrafficMix(new TrafficMix.Config(REQUESTS, 4, 7L, 0)).run(service.address(), recorder, Clock.systemUTC());
            }
        }
        int status;
        try (TrainingTarget target = TrainingTarget.start()) {
            status = Main.run(new String[] {"--input-file", recorded + "|100000%",
                    "--output-http", "http://127.0.0.1:" + target.port(),
                    "--output-http-workers", "16", "--output-http-stats", "--output-http-stats-ms", "60000",
                    "--stats", "--output-null"}, quiet, quiet);
        }
        Path copy = dir.resolve("copy.gor");
        Files.deleteIfExists(copy);
        status |= Main.run(new String[] {"--input-file", recorded.toString(), "--output-file-append", "--output-file",
                copy.toString()}, quiet, quiet);
        throughMiddleware(recorded, quiet);
        return status;
    }

    /**
     * The recording through --output-tcp to an --input-tcp receiver in the same JVM, then the receiver
     * stopped. The receiver's --dashboard (with --http-pprof on the same address) is read a few times, so
     * that a dashboard's first scrapes find the Prometheus client, the HTTP server and their lambdas in
     * the cache (docs/BENCHMARKS.md, "dashboard").
     */
    private static int forwardOverTcp(Path recorded) throws IOException, InterruptedException {
        int port = freePort();
        String dashboard = "127.0.0.1:" + freePort();
        InProcessRun receiver = InProcessRun.start(List.of("--input-tcp", "127.0.0.1:" + port, "--output-null",
                "--dashboard", dashboard, "--http-pprof", dashboard));
        if (!receiver.control().awaitStarted(Duration.ofSeconds(30))) {
            return 1;
        }
        DashboardReads.read(dashboard, List.of("/metrics", "/api/stats", "/debug/vars", "/", "/dashboard.js"), 3);
        int status = InProcessRun.runToEnd(List.of("--input-file", recorded + "|100000%",
                "--output-tcp", "127.0.0.1:" + port)).status();
        receiver.control().stop();
        try {
            receiver.outcome().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return 1;
        }
        return status;
    }

    /**
     * The recording through {@code --middleware cat}: the process start, the pipes' set-up (the foreign
     * calls' stubs) and the hex codec come from the cache at a middleware run's start. Best effort: a
     * machine without cat trains the rest all the same.
     */
    private static void throughMiddleware(Path recorded, PrintStream quiet) {
        Main.run(new String[] {"--input-file", recorded.toString(), "--middleware", "cat", "--output-null"}, quiet, quiet);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Loads (without initializing) every class of shadowtap in the jar, so the cache holds them all. */
    private static void loadAll(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return; // run from classes, not a jar (tests): nothing to archive
        }
        ClassLoader loader = StartupTraining.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith("dev/shadowtap/") && name.endsWith(".class")) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    try {
                        Class.forName(className, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class that cannot load here is simply not cached
                    }
                }
            }
        }
    }
}
