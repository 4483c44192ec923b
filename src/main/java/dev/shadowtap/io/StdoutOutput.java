package dev.shadowtap.io;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.http.Prettifier;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.OutputGoneException;
import dev.shadowtap.core.StageStats;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --output-stdout}: records in .gor form as GoReplay 1.3+ prints them (header line, payload, the
 * separator), so that {@code > x.gor} is a .gor file; written to a buffered stream. The buffer is flushed at {@link #close()} and, for interactive
 * use, by a virtual thread every flush interval when something was written since the last flush.
 * With {@code prettify} each payload goes through {@link Prettifier} first; payloads it cannot
 * prettify are printed as they are and counted ({@link #unprettified()}). The stream itself is flushed
 * but not closed at {@link #close()}: it is normally {@code System.out}.
 *
 * <p>When the stream fails (its reader closed the pipe, as {@code | head} does; a {@link PrintStream}'s
 * hidden error is checked after each buffer's worth), the output is gone: {@code onGone} runs once (the
 * application logs a line and stops the run, as GoReplay dies of SIGPIPE), the records still in the
 * buffer are counted as {@code output-gone} on the stage, and every later write throws
 * {@link OutputGoneException}, which the pipeline counts the same way.
 */
public final class StdoutOutput implements Output {
    private final Buffer out;
    private final ErrorChecking stream;
    private final GorWriter writer;
    private final Prettifier prettifier;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder unprettified = new LongAdder();
    private final StageStats stage;
    private final Runnable onGone;
    private final Thread flusher;
    private boolean dirty;
    private boolean closed;
    private long unflushed; // records, whole or in part, in the buffer and not yet taken by the stream
    private volatile boolean gone;

    public StdoutOutput(OutputStream stream, boolean prettify, Duration flushInterval, StageStats stage,
                        Runnable onGone) {
        this.stream = new ErrorChecking(stream);
        this.out = new Buffer(this.stream);
        this.writer = GorWriter.file(out);
        this.prettifier = prettify ? new Prettifier() : null;
        this.stage = stage;
        this.onGone = onGone;
        this.flusher = Thread.ofVirtual().name("stdout flush").start(() -> flushEvery(flushInterval));
    }

    /** Flushed every 200 ms while output flows. */
    public StdoutOutput(OutputStream stream, boolean prettify, StageStats stage, Runnable onGone) {
        this(stream, prettify, Duration.ofMillis(200), stage, onGone);
    }

    @Override
    public void write(Message message) throws IOException {
        Message shown = message;
        if (prettifier != null) {
            Prettifier.Result result = prettifier.apply(message.payload());
            if (result.outcome() == Prettifier.Outcome.PRETTIFIED) {
                shown = message.withPayload(result.message());
            } else if (result.outcome() != Prettifier.Outcome.UNCHANGED) {
                unprettified.increment();
            }
        }
        lock.lock();
        try {
            if (gone) {
                throw new OutputGoneException("stdout is closed");
            }
            if (closed) {
                throw new IOException("stdout output is closed");
            }
            long handed = stream.handed;
            try {
                writer.write(shown);
            } catch (IOException e) {
                throw goneWith(e); // this record is counted by the pipeline, those before it here
            }
            // a hand-over to the stream took every record before this one; this one may have bytes left
            unflushed = stream.handed != handed ? (out.buffered() > 0 ? 1 : 0) : unflushed + 1;
            dirty = true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the stream failed and the output took no more messages from then on. */
    public boolean gone() {
        return gone;
    }

    /** Payloads printed as they were because they were not HTTP or their body was corrupt. */
    public long unprettified() {
        return unprettified.sum();
    }

    /** Flushes; a stream that fails now only makes the output gone (counted, one line), never a close error. */
    @Override
    public void close() {
        flusher.interrupt();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    private void flushEvery(Duration interval) {
        try {
            while (true) {
                Thread.sleep(interval);
                flushIfDirty();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void flushIfDirty() {
        lock.lock();
        try {
            if (dirty && !closed) {
                dirty = false;
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void flush() {
        if (gone) {
            return;
        }
        try {
            out.flush();
            unflushed = 0;
        } catch (IOException e) {
            goneWith(e);
        }
    }

    /**
     * Under the lock: the stream failed. The records left in the buffer are counted as lost, the output
     * is gone from now on, and the first failure starts {@code onGone}.
     */
    private OutputGoneException goneWith(IOException cause) {
        if (unflushed > 0) {
            stage.drops(Reason.OUTPUT_GONE, unflushed);
            unflushed = 0;
        }
        if (!gone) {
            gone = true;
            Thread.ofVirtual().name("stdout gone").start(onGone); // not under the lock: it stops the run
        }
        OutputGoneException e = new OutputGoneException("stdout failed: " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /** The 64 KB buffer, telling how many bytes it still holds. */
    private static final class Buffer extends BufferedOutputStream {
        Buffer(OutputStream out) {
            super(out, 64 * 1024);
        }

        int buffered() {
            return count;
        }
    }

    /**
     * Passes bytes on and turns a {@link PrintStream}'s hidden error (it never throws) into an
     * {@link IOException}; called once per buffer's worth, so the check costs no extra system call.
     * Counts the hand-overs that succeeded.
     */
    private static final class ErrorChecking extends FilterOutputStream {
        long handed;

        ErrorChecking(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            check();
            handed++;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            check();
        }

        private void check() throws IOException {
            if (out instanceof PrintStream print && print.checkError()) {
                throw new IOException("the stream reported an error (its reader closed the pipe?)");
            }
        }
    }
}
