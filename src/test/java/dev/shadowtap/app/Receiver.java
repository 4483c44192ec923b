package dev.shadowtap.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: a shadowtap child process (an --input-tcp receiver, or a sender) whose stderr goes to a file. */
final class Receiver implements AutoCloseable {
    private final Process process;
    private final Path err;

    private Receiver(Process process, Path err) {
        this.process = process;
        this.err = err;
    }

    static Receiver start(Path err, List<String> args) throws IOException {
        return new Receiver(CliProcess.of(args.toArray(String[]::new)).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), err);
    }

    /** Starts a receiver and waits until it says it listens. */
    static Receiver listening(Path err, List<String> args) throws Exception {
        Receiver receiver = start(err, args);
        receiver.awaitErr("listening");
        return receiver;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    void awaitErr(String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!err().contains(text)) {
            assertThat(process.isAlive() || err().contains(text)).as("still running, said:\n" + err()).isTrue();
            assertThat(System.nanoTime() < until).as("'" + text + "' within 30 s, said:\n" + err()).isTrue();
            Thread.sleep(20);
        }
    }

    String err() throws IOException {
        return Files.exists(err) ? Files.readString(err) : "";
    }

    /** SIGTERM, then its exit status. */
    int stop() throws Exception {
        process.destroy();
        return exit();
    }

    int exit() throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits, said:\n" + err()).isTrue();
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    /** Every {@code dropped N} of the exit summary's stage lines, added up. */
    long droppedInSummary() throws IOException {
        long total = 0;
        Matcher m = Pattern.compile("^summary [^\\n]*?: \\d+ msgs [^\\n]*?dropped (\\d+)", Pattern.MULTILINE).matcher(err());
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** The count of {@code reason} on the summary line of the stage whose name starts with {@code stage}. */
    long summaryCount(String stage, String reason) throws IOException {
        Matcher line = Pattern.compile("^summary " + Pattern.quote(stage) + "[^\\n]*$", Pattern.MULTILINE).matcher(err());
        List<Long> counts = new ArrayList<>();
        while (line.find()) {
            Matcher r = Pattern.compile(Pattern.quote(reason) + " (\\d+)").matcher(line.group());
            if (r.find()) {
                counts.add(Long.parseLong(r.group(1)));
            }
        }
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
