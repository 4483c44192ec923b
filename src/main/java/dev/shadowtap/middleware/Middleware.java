package dev.shadowtap.middleware;

import dev.shadowtap.middleware.ffi.PipeSize;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.IoReason;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.core.StageStats;

import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --middleware}: an external program that every message passes through, spoken to with
 * GoReplay's protocol ({@link HexLine}). {@link #requests()} writes to its stdin, {@link #replies()}
 * reads its stdout; its stderr is copied to the log, each line prefixed {@code [middleware] }.
 *
 * <p>The run is stopped, with one line saying why ({@link #failure()}), when the program exits while
 * its input is open, or leaves its input unread for {@code timeout} while writing nothing. Once
 * {@link #requests()} is closed (its stdin closed), {@link #replies()} reads its stdout to the end
 * and ends; a program still running {@code timeout} later is killed. Bad output lines are logged
 * (the first {@code maxLoggedLines}), counted on the stage by reason ({@code bad-hex},
 * {@code odd-length}, {@code bad-header}, {@code too-large}) and skipped.
 */
public final class Middleware implements AutoCloseable {
    /** Room for the header line in a line's length limit (type, a long id, two longs). */
    private static final int HEADER_ROOM = 1024;
    /** Bytes of hex lines gathered before one write to the program's stdin. */
    private static final int WRITE_BUFFER = 1 << 16;
    /** The first size of the buffer its stdout is read into (it grows for longer lines). */
    private static final int READ_BUFFER = 1 << 18;

    private final MiddlewareConfig config;
    private final StageStats stats;
    private final Log log;
    private final Process process;
    private final HexLineWriter stdin;
    private final BulkLineReader stdout;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();
    private final AtomicLong badLines = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final HexLine.Scratch scratch = new HexLine.Scratch();
    private final Thread watchdog;
    private final Output requests = new Requests();
    private final Input replies = new Replies();
    private volatile long writingSince;
    private volatile boolean readerWaiting;
    private volatile long inputClosedAt;
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicBoolean killedLate = new java.util.concurrent.atomic.AtomicBoolean();

    private Middleware(MiddlewareConfig config, StageStats stats, Log log, Process process) {
        this.config = config;
        this.stats = stats;
        this.log = log;
        this.process = process;
        PipeSize.set(process.pid(), 0, PipeSize.BYTES);
        PipeSize.set(process.pid(), 1, PipeSize.BYTES);
        this.stdin = new HexLineWriter(process.getOutputStream(), WRITE_BUFFER);
        long maxLine = 2 * (config.maxPayloadBytes() + HEADER_ROOM);
        this.stdout = new BulkLineReader(process.getInputStream(),
                (int) Math.min(Integer.MAX_VALUE - 2 * BulkLineReader.READ_ROOM, maxLine), READ_BUFFER);
        Thread.ofVirtual().name("middleware stderr").start(this::copyStderr);
        this.watchdog = Thread.ofVirtual().name("middleware watchdog").start(this::watch);
    }

    /**
     * Starts the program. One that cannot be started is an IOException whose message is one line
     * naming the command.
     */
    public static Middleware start(MiddlewareConfig config, StageStats stats, Log log) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(config.command()).start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("--middleware " + config.quoted() + ": cannot start: " + reason(e));
        }
        return new Middleware(config, stats, log, process);
    }

    /** The program's stdin: give it to the emitter as the relay's output. */
    public Output requests() {
        return requests;
    }

    /** The program's stdout, decoded: give it to the emitter as the relay's input. */
    public Input replies() {
        return replies;
    }

    public StageStats stats() {
        return stats;
    }

    public MiddlewareConfig config() {
        return config;
    }

    /** Messages written to the program. */
    public long sent() {
        return sent.get();
    }

    /** Messages it gave back (well-formed ones). */
    public long returned() {
        return returned.get();
    }

    /** Why the program stopped the run, when it did (one line, already logged). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * The run is being stopped (a signal, {@code --exit-after}): an exit of the program from now on is
     * reported but is no failure (a terminal's Ctrl-C reaches it too).
     */
    public void stopping() {
        stopping = true;
    }

    /** Kills the program if it still runs (the end of the run, or a failure elsewhere). */
    @Override
    public void close() {
        watchdog.interrupt();
        process.destroyForcibly();
    }

    private void fail(String line) {
        if (failure.compareAndSet(null, line)) {
            log.warn(line);
        }
    }

    /** Buffers the message's line; the buffer goes to the program when full and on {@link #flush()}. */
    private void write(Message message) throws IOException {
        if (failure.get() != null) {
            throw new IOException("middleware stopped");
        }
        writingSince = System.nanoTime();
        try {
            stdin.write(message);
        } finally {
            writingSince = 0;
            countLost();
        }
        sent.incrementAndGet();
    }

    /** Gives the program every line buffered: its writer calls this whenever nothing more is queued. */
    private void flush() throws IOException {
        writingSince = System.nanoTime();
        try {
            stdin.flush();
        } finally {
            writingSince = 0;
            countLost();
        }
    }

    /** Lines of earlier messages a failed write to the program took with it: counted as write errors. */
    private void countLost() {
        long lost = stdin.takeLost();
        if (lost > 0) {
            stats.drops(Reason.WRITE_ERROR, lost);
        }
    }

    private void closeInput() {
        inputClosedAt = System.nanoTime();
        try {
            stdin.close();
        } catch (IOException e) {
            // the program is gone already: its stdout ends, which replies() reports
        } finally {
            countLost();
        }
    }

    private Message read() {
        while (true) {
            boolean more;
            readerWaiting = true;
            try {
                more = stdout.next();
            } catch (IOException e) {
                more = false;
            } finally {
                readerWaiting = false;
            }
            if (!more) {
                ended();
                return null;
            }
            if (stdout.tooLong()) {
                bad(Reason.TOO_LARGE, "line of " + stdout.fullLength() + " bytes is over the limit for "
                        + config.maxPayloadBytes() + "-byte payloads (--copy-buffer-size)");
                continue;
            }
            switch (HexLine.decode(stdout.bytes(), stdout.offset(), stdout.length(), config.maxPayloadBytes(),
                    scratch)) {
                case HexLine.Good good -> {
                    returned.incrementAndGet();
                    return good.message();
                }
                case HexLine.Bad bad -> bad(bad.reason(), bad.problem());
            }
        }
    }

    private void bad(Reason reason, String problem) {
        stats.drop(reason);
        long n = badLines.incrementAndGet();
        if (n <= config.maxLoggedLines()) {
            log.warn("middleware " + config.quoted() + ": stdout line " + stdout.number() + ": " + problem
                    + " (\"" + stdout.prefix() + "\"); skipped"
                    + (n == config.maxLoggedLines() ? " (further bad lines are only counted)" : ""));
        }
    }

    /** Its stdout ended: normal once its input was closed, a failure before. */
    private void ended() {
        boolean expected = inputClosedAt != 0;
        long wait = expected ? Math.max(0, config.timeout().toMillis()
                - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inputClosedAt)) : 1000;
        try {
            if (!process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                if (!expected) {
                    fail("middleware " + config.quoted() + " closed its output after being sent " + sent.get()
                            + " messages (" + returned.get() + " returned); pipeline stopped");
                    process.destroyForcibly();
                } else {
                    stopLate();
                }
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return;
        }
        if (!expected && stopping) {
            // Ctrl-C in a terminal reaches the whole process group, the middleware too: not its failure.
            log.warn("middleware " + config.quoted() + " exited with status " + process.exitValue()
                    + " while shadowtap was stopping, after being sent " + sent.get() + " messages ("
                    + returned.get() + " returned)");
        } else if (!expected) {
            fail("middleware " + config.quoted() + " exited with status " + process.exitValue() + " after being sent "
                    + sent.get() + " messages (" + returned.get() + " returned); pipeline stopped");
        } else if (process.exitValue() != 0 && failure.get() == null && !killedLate.get()) {
            log.warn("middleware " + config.quoted() + " exited with status " + process.exitValue()
                    + " at the end of its input");
        }
        watchdog.interrupt();
    }

    /**
     * Stops a program that leaves its input unread for the timeout while writing nothing (when it
     * writes, a full output queue is holding it back, not a hang), and one that does not finish
     * within the timeout after its input was closed.
     */
    private void watch() {
        long timeout = config.timeout().toNanos();
        long pause = Math.max(5, Math.min(250, config.timeout().toMillis() / 5));
        try {
            while (process.isAlive() || writingSince != 0) {
                Thread.sleep(pause);
                long since = writingSince;
                long now = System.nanoTime();
                if (since != 0 && readerWaiting && now - since > timeout) {
                    fail("middleware " + config.quoted() + " stopped reading its input for "
                            + seconds(config.timeout()) + " after being sent " + sent.get() + " messages ("
                            + returned.get() + " returned); pipeline stopped");
                    process.destroyForcibly();
                    return;
                }
                long closed = inputClosedAt;
                if (closed != 0 && now - closed > timeout && process.isAlive()) {
                    stopLate();
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the run is over
        }
    }

    /** Kills a program that has not finished within the timeout after its input was closed. */
    private void stopLate() {
        if (killedLate.compareAndSet(false, true)) {
            log.warn("middleware " + config.quoted() + " still ran " + seconds(config.timeout())
                    + " after its input ended; stopped");
            process.destroyForcibly();
        }
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private void copyStderr() {
        InputStream err = process.getErrorStream();
        LineReader lines = new LineReader(err, 8192);
        try {
            while (lines.next()) {
                String text = new String(lines.bytes(), 0, lines.length(), java.nio.charset.StandardCharsets.UTF_8);
                log.info("[middleware] " + text + (lines.tooLong() ? "... (" + lines.fullLength() + " bytes)" : ""));
            }
        } catch (IOException e) {
            // the program is gone
        }
    }

    /** "No such file or directory" out of "Cannot run program "x": Exec failed, error: 2 (No such file or directory)". */
    private static String reason(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e instanceof IOException io ? IoReason.of(io) : "the system gave no reason";
        }
        String message = e.getMessage().strip();
        int open = message.lastIndexOf('(');
        if (open >= 0 && message.endsWith(")")) {
            return message.substring(open + 1, message.length() - 1);
        }
        int colon = message.lastIndexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }

    /**
     * The program's stdin as an output: one hex line per message, buffered; flushed whenever its
     * worker has nothing more queued, so a program that answers each line before reading the next
     * always has the line it waits for.
     */
    private final class Requests implements Output, Flushable {
        @Override
        public void write(Message message) throws IOException {
            Middleware.this.write(message);
        }

        @Override
        public void flush() throws IOException {
            Middleware.this.flush();
        }

        @Override
        public void close() {
            closeInput();
        }
    }

    /** The program's stdout as an input: ends at its end. */
    private final class Replies implements Input {
        @Override
        public Message read() {
            return Middleware.this.read();
        }
    }
}
