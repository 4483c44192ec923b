package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --input-file}: replays the records of one or more .gor files (a glob, sorted by name, {@code .gz}
 * welcome) with the gaps they were recorded with, scaled by the speed.
 *
 * <p>Record i is released at {@code start + (ts_i - ts_0) / speed} on the monotonic clock, where start
 * is the first release; gaps longer than the max wait are cut to it, and a record stamped earlier than
 * the one before it goes out at once. Out-of-order records within the read depth are put back in
 * order first. Messages are returned exactly as read, recorded timestamps included.
 *
 * <p>{@link #read()} is called by one thread at a time; {@link #close()} may come from any thread and
 * makes a waiting {@code read()} return null promptly.
 */
public final class FileInput implements Input {
    /**
     * Below this much time left, spin instead of parking (a park costs more than this). Spinning the
     * last 50 µs before every record, as before, cost ~half a core at 2,000 records/s for a pacing
     * finer than the network's own jitter; a park's lateness (tens of µs) never accumulates, since
     * every record's deadline is absolute.
     */
    private static final long SPIN_NANOS = 5_000;
    /** Offsets are capped so that deadlines never overflow the nanoTime arithmetic. */
    private static final long MAX_OFFSET = Long.MAX_VALUE / 4;

    private final FileInputConfig config;
    private final AutoCloseable source;
    private final StageStats stats;
    private final FileSequence files;
    private final ReorderWindow window;
    private final ReplaySchedule schedule;
    private final ReentrantLock io = new ReentrantLock();

    private volatile boolean closed;
    private volatile Thread reading;
    private boolean passEnded;
    private boolean ended;
    private boolean started;
    private long startNanos;

    /**
     * Finds the files now, so that a pattern matching nothing fails here.
     *
     * @throws FileInputException when the pattern matches no file (its message is the one line to show)
     */
    public FileInput(FileInputConfig config, StageStats stats, Log log) throws FileInputException {
        this(config, FileGlob.expandLocal(config.pattern()), () -> { }, stats, log);
    }

    /**
     * Reads the files given (found by the caller: the objects of an S3 prefix), in that order.
     *
     * @param source what serves them (an S3 client), closed with this input
     */
    public FileInput(FileInputConfig config, List<? extends RecordFile> files, AutoCloseable source, StageStats stats,
                     Log log) {
        this.source = source;
        this.config = config;
        this.stats = stats;
        this.files = new FileSequence(files, stats, log);
        this.window = new ReorderWindow(config.readDepth());
        this.schedule = new ReplaySchedule(config.speed(), config.maxWaitNanos());
    }

    /** The files being read, in reading order. */
    public List<String> files() {
        return files.files();
    }

    /**
     * Files read that gave no readable record (empty or all garbage). Complete once {@link #read()} has
     * returned null at the end of the files (or after the first loop).
     */
    public List<String> filesWithoutRecords() {
        io.lock();
        try {
            return files.filesWithoutRecords();
        } finally {
            io.unlock();
        }
    }

    /**
     * Files that could not be read at all (permission denied, gone since the pattern was expanded),
     * each with the reason already reported; complete when {@link #filesWithoutRecords()} is.
     */
    public Map<String, String> unreadableFiles() {
        io.lock();
        try {
            return files.unreadableFiles();
        } finally {
            io.unlock();
        }
    }

    @Override
    public Message read() throws IOException, InterruptedException {
        if (closed) {
            return null;
        }
        reading = Thread.currentThread();
        try {
            Message next = nextInOrder();
            if (next == null) {
                return null;
            }
            if (config.paced() && paces(next) && !awaitRelease(schedule.offsetOf(next.timestampNs()))) {
                return null;
            }
            return next;
        } finally {
            reading = null;
        }
    }

    /**
     * Whether a record's timestamp drives the replay clock. A replayed response (type 3, written by
     * {@code --output-http-track-response}) carries the time of the replay, not of the recording:
     * it goes out as soon as it is read and never holds the clock.
     */
    static boolean paces(Message message) {
        return message.type() != MessageType.REPLAYED;
    }

    /** The next record in timestamp order within the window, starting new loops as configured. */
    private Message nextInOrder() throws IOException {
        io.lock();
        try {
            while (!closed && !ended) {
                while (!passEnded && !window.full()) {
                    Message message = files.next();
                    if (message == null) {
                        passEnded = true;
                    } else {
                        window.add(message);
                    }
                }
                Message earliest = window.poll();
                if (earliest != null) {
                    return earliest;
                }
                if (!config.loop()) {
                    ended = true;
                    files.close();
                    return null;
                }
                if (files.passRecords() == 0) {
                    ended = true;
                    files.close();
                    throw new FileInputException("--input-file " + config.pattern()
                            + ": nothing to loop over, no file has a readable record");
                }
                files.rewind();
                passEnded = false;
                schedule.restart();
            }
            return null;
        } finally {
            io.unlock();
        }
    }

    /** Waits until the record at this offset is due; false when closed meanwhile. */
    private boolean awaitRelease(long offsetNanos) throws InterruptedException {
        if (!started) {
            started = true;
            startNanos = System.nanoTime();
        }
        long deadline = startNanos + Math.min(offsetNanos, MAX_OFFSET);
        while (true) {
            if (closed) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(this, remaining);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void closeSource() throws IOException {
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        Thread waiting = reading;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
        io.lock();
        try {
            ended = true;
            window.clear();
            files.close();
        } finally {
            io.unlock();
            closeSource();
        }
    }
}
