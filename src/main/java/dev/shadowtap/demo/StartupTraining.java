package dev.shadowtap.demo;

import dev.shadowtap.Main;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the JVM's ahead-of-time cache (JEP 483/514): the launcher runs it once per build
 * with {@code -XX:AOTCacheOutput}, and every later start maps the classes it loaded and linked (ours,
 * the JDK's, the lambdas and string concatenations it resolved) instead of loading them again; a start
 * takes ~0.35 s instead of ~0.55 s. It runs the demo quietly (client-side recording, so no capture on
 * any interface) and then the commands users run most: a file replayed at full speed to an HTTP
 * target with statistics, and a file copied to another file. Everything stays on loopback, in the
 * directory given. Only class loading is kept, not method profiles: profiles from a training workload
 * mislead the JIT on a different one (measured slower on a replay).
 */
public final class StartupTraining {
    private static final int REQUESTS = 1_000;

    private StartupTraining() {
    }

    /** {@code StartupTraining DIR}: trains in DIR; exit status 0 when every run succeeded. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining DIR");
            System.exit(2);
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.exit(train(Path.of(args[0]), quiet));
    }

    static int train(Path dir, PrintStream quiet) throws IOException {
        int status = Demo.run(List.of("--no-capture", "--requests", Integer.toString(REQUESTS), "--dir", dir.toString()),
                quiet, quiet);
        String recorded = dir.resolve("demo.gor").toString();
        try (DemoService target = DemoService.start(ServiceVersion.V1)) {
            status |= Main.run(new String[] {"--input-file", recorded + "|100000%", "--output-http",
                    "http://127.0.0.1:" + target.port(), "--output-http-workers", "4", "--output-http-stats",
                    "--output-http-stats-ms", "60000", "--stats", "--output-null"}, quiet, quiet);
        }
        status |= Main.run(new String[] {"--input-file", recorded, "--output-file", dir.resolve("copy.gor").toString()},
                quiet, quiet);
        return status;
    }
}
