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
 * The training run of the JVM's ahead-of-time cache (JEP 483/514): the launcher runs it once per build
 * with {@code -XX:AOTCacheOutput}, and every later start maps the classes it loaded and linked (ours,
 * the JDK's, the lambdas and string concatenations it resolved) instead of loading them again. It
 * records the demo's traffic mix from the client side (no capture on any interface), replays it at full
 * speed to a quick loopback target, copies it to another file, forwards it over --output-tcp to an
 * --input-tcp in the same JVM whose dashboard is scraped meanwhile, passes it through {@code --middleware
 * cat}, and loads every other class of the jar without running it (capture, comparison). Everything stays on loopback, in the directory
 * given. The launcher keeps no method profiles (JEP 515) from it: measured, they made a replay slower
 * (docs/BENCHMARKS.md, "start-up").
 */
public final class StartupTraining {
    private static final int REQUESTS = 2_000;

    private StartupTraining() {
    }

    /** {@code StartupTraining DIR JAR}: trains in DIR; exit status 0 when every run succeeded. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: StartupTraining DIR JAR");
            System.exit(2);
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.exit(train(Path.of(args[0]), Path.of(args[1]), quiet));
    }

    static int train(Path dir, Path jar, PrintStream quiet) throws IOException, InterruptedException {
        Path recorded = dir.resolve("training.gor");
        try (DemoService service = DemoService.start(ServiceVersion.V1); GorRecorder recorder = new GorRecorder(recorded)) {
            new TrafficMix(new TrafficMix.Config(REQUESTS, 4, 7L, 0)).run(service.address(), recorder, Clock.systemUTC());
        }
        int status;
        try (TrainingTarget target = TrainingTarget.start()) {
            status = Main.run(new String[] {"--input-file", recorded + "|100000%",
                    "--output-http", "http://127.0.0.1:" + target.port(),
                    "--output-http-workers", "16", "--output-http-stats", "--output-http-stats-ms", "60000",
                    "--stats", "--output-null"}, quiet, quiet);
        }
        status |= Main.run(new String[] {"--input-file", recorded.toString(), "--output-file-append", "--output-file",
                dir.resolve("copy.gor").toString()}, quiet, quiet);
        status |= forwardOverTcp(recorded);
        throughMiddleware(recorded, quiet);
        loadAll(jar);
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
