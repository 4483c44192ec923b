package dev.shadowtap.io;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.http.Prettifier;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 */
public final class StdoutOutput implements Output {
    private final OutputStream out;
    private final GorWriter writer;
    private final Prettifier prettifier;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder unprettified = new LongAdder();
    private final Thread flusher;
    private boolean dirty;
    private boolean closed;

    public StdoutOutput(OutputStream stream, boolean prettify, Duration flushInterval) {
        this.out = new BufferedOutputStream(stream, 64 * 1024);
        this.writer = GorWriter.stdout(out);
        this.prettifier = prettify ? new Prettifier() : null;
        this.flusher = Thread.ofVirtual().name("stdout flush").start(() -> flushEvery(flushInterval));
    }

    /** Flushed every 200 ms while output flows. */
    public StdoutOutput(OutputStream stream, boolean prettify) {
        this(stream, prettify, Duration.ofMillis(200));
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
            if (closed) {
                throw new IOException("stdout output is closed");
            }
            writer.write(shown);
            dirty = true;
        } finally {
            lock.unlock();
        }
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
                out.flush();
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
                out.flush();
            }
        } catch (IOException e) {
            // the next write or close reports the broken stream
        } finally {
            lock.unlock();
        }
    }
}
