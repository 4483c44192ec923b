package dev.shadowtap.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines the demo runs, exactly as a user would type them after {@code ./shadowtap}:
 * printed beside each step and run in-process.
 */
public final class DemoSteps {
    private DemoSteps() {
    }

    /** Live capture of v1 with its responses into {@code gor} (one file, not chunks). */
    public static List<String> captureArgs(int v1Port, Path gor) {
        return List.of("--input-raw", "127.0.0.1:" + v1Port, "--input-raw-track-response",
                "--output-file", gor.toString(), "--output-file-append");
    }

    /**
     * Replay of {@code gor} to v2 as fast as it answers, keeping v2's answers (type 3) beside the
     * recording in {@code replayed}, then the comparison of {@link #compareArgs}.
     */
    public static List<String> replayArgs(Path gor, int v2Port, int connections, Path replayed, Path reportDir) {
        // as many connections as the recording had, so v2's latencies compare with v1's (with one
        // connection per request in flight, a full-speed replay would queue hundreds at the service)
        List<String> args = new ArrayList<>(List.of("--input-file", gor + "|100000%",
                "--output-http", "http://127.0.0.1:" + v2Port, "--output-http-workers", String.valueOf(connections),
                "--output-http-track-response",
                "--output-file", replayed.toString(), "--output-file-append"));
        args.addAll(compareArgs(reportDir));
        return List.copyOf(args);
    }

    /**
     * The response comparison: the replayed responses against the captured ones, reports in
     * {@code reportDir}. No {@code --compare-fail-above}: the demo's regression is meant to be found,
     * and finding it is not a failure of the demo.
     */
    public static List<String> compareArgs(Path reportDir) {
        return List.of("--compare-report", reportDir.toString());
    }

    /** The command line as a shell user would type it (arguments with | or spaces quoted). */
    public static String shellLine(List<String> args) {
        StringBuilder line = new StringBuilder("./shadowtap");
        for (String arg : args) {
            line.append(' ').append(arg.matches("[A-Za-z0-9_./:%=-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
