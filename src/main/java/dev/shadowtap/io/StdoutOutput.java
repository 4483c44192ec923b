package dev.shadowtap.io;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.http.Prettifier;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.OutputGoneException;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --output-stdout}: records in .gor text form as GoReplay prints them (header line, payload, a
 * plain newline) to a buffered stream. The buffer is flushed at {@link #close()} and, for interactive
 * use, by a virtual thread every flush interval when something was written since the last flush.
 * With {@code prettify} each payload goes through {@link Prettifier} first; payloads it cannot
 * prettify are printed as they are and counted ({@link #unprettified()}). The stream itself is flushed
 * but not closed at {@link #close()}: it is normally {@code System.out}.
 *
 * <p>When the stream fails (its reader closed the pipe, as {@code | head} does; a {@link PrintStream}'s
 * hidden error is checked after each buffer's worth), the output is gone: {@code onGone} runs once (the
 * application logs a line and stops the run, as GoReplay dies of SIGPIPE) and every later write throws
 * {@link OutputGoneException}, which the pipeline counts as {@code output-gone}.
 */
public final class StdoutOutput implements Output {
    private final OutputStream out;
    private final GorWriter writer;
    private final Prettifier prettifier;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder unprettified = new LongAdder();
    private final Runnable onGone;
    private final Thread flusher;
    private boolean dirty;
    private boolean closed;
    private volatile boolean gone;

    public StdoutOutput(OutputStream stream, boolean prettify, Duration flushInterval, Runnable onGone) {
        this.out = new BufferedOutputStream(new ErrorChecking(stream), 64 * 1024);
        this.writer = GorWriter.stdout(out);
        this.prettifier = prettify ? new Prettifier() : null;
        this.onGone = onGone;
        this.flusher = Thread.ofVirtual().name("stdout flush").start(() -> flushEvery(flushInterval));
    }

    /** Flushed every 200 ms while output flows. */
    public StdoutOutput(OutputStream stream, boolean prettify, Runnable onGone) {
        this(stream, prettify, Duration.ofMillis(200), onGone);
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
            writer.write(shown);
            dirty = true;
        } catch (OutputGoneException e) {
            throw e;
        } catch (IOException e) {
            throw goneWith(e);
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

    @Override
    public void close() throws IOException {
        flusher.interrupt();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                if (!gone) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw goneWith(e);
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
            if (dirty && !closed && !gone) {
                dirty = false;
                out.flush();
            }
        } catch (IOException e) {
            goneWith(e);
        } finally {
            lock.unlock();
        }
    }

    /** The stream failed: from now on the output is gone; the first failure starts {@code onGone}. */
    private OutputGoneException goneWith(IOException cause) {
        boolean first = !gone;
        gone = true;
        if (first) {
            Thread.ofVirtual().name("stdout gone").start(onGone); // not under the lock: it stops the run
        }
        OutputGoneException e = new OutputGoneException("stdout failed: " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /**
     * Passes bytes on and turns a {@link PrintStream}'s hidden error (it never throws) into an
     * {@link IOException}; called once per buffer's worth, so the check costs no extra system call.
     */
    private static final class ErrorChecking extends FilterOutputStream {
        ErrorChecking(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            check();
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
