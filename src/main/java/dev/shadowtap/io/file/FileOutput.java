package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.StageStats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * {@code --output-file}: writes records to .gor files named by a {@link FileNamePattern}, the way
 * GoReplay does, without its losses.
 *
 * <p>Without {@code append}, each expanded name is written in chunks {@code name_0.ext}, {@code name_1.ext},
 * ... ({@link ChunkName}). Before a record is written, the current chunk is closed when it already
 * holds {@code sizeLimit} record bytes or {@code queueLimit} records, so a record is never split, and
 * every chunk but the last of a name holds at least the limit (the size counts uncompressed record
 * bytes, also for .gz). Numbering resumes after a restart: the first chunk of a name comes after the
 * highest index already on disk, and an existing file is never overwritten or appended to. A new
 * expanded name (a new hour with {@code %H}) closes the files of the old one; with {@code %t} the
 * three types are written to three files at once.
 *
 * <p>With {@code append}, each expanded name is one file, appended to; a .gz file gets a new gzip
 * member, which readers of concatenated gzip read through.
 *
 * <p>Once the records written would pass {@code maxSizeLimit} bytes, this and every later record is
 * dropped and counted as {@code max-size}, with one log line. Buffered data is flushed every
 * {@code flushInterval} by a virtual thread; {@link #close()} flushes and closes every file, writing
 * the gzip trailers. Files are created on the first record: an output that saw none leaves no file.
 *
 * <p>{@link #write} is called from one thread; {@link #close()} and the flusher run on others. One
 * uncontended lock guards the files.
 */
public final class FileOutput implements Output {
    private static final MessageType[] TYPES = MessageType.values();

    private final FileOutputConfig config;
    private final StageStats stats;
    private final Log log;
    private final Clock clock;
    private final FileNamePattern pattern;
    private final GorWriter sizer = GorWriter.file(OutputStream.nullOutputStream());
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread flusher;

    // Guarded by lock.
    private final Map<String, Chunk> open = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private final String[] cachedNames = new String[TYPES.length];
    private long cachedSecond = Long.MIN_VALUE;
    private long total;
    private boolean full;
    private boolean dirty;
    private boolean closed;
    private IOException flushFailure;

    public FileOutput(FileOutputConfig config, StageStats stats, Log log) {
        this(config, stats, log, Clock.systemDefaultZone(), FileNamePattern.randomWord(RandomGenerator.getDefault()));
    }

    /**
     * @param clock      the time names are expanded for, in the clock's zone (GoReplay: local time)
     * @param instanceId what {@code %i} expands to; the application passes one id for the whole process
     */
    public FileOutput(FileOutputConfig config, StageStats stats, Log log, Clock clock, String instanceId) {
        this.config = Objects.requireNonNull(config, "config");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pattern = new FileNamePattern(config.pathPattern(), clock.getZone(),
                FileNamePattern.randomWord(RandomGenerator.getDefault()), instanceId);
        this.flusher = Thread.ofVirtual().name("file-output-flush " + config.pathPattern()).start(this::flushLoop);
    }

    @Override
    public void write(Message message) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("output file " + pattern + " is closed");
            }
            if (flushFailure != null) {
                IOException failure = flushFailure;
                flushFailure = null;
                throw failure;
            }
            if (full) {
                stats.drop("max-size");
                return;
            }
            String name = nameFor(message.type(), clock.instant());
            int size = sizer.sizeOf(message);
            if (config.maxSizeLimit() > 0 && total + size > config.maxSizeLimit()) {
                full = true;
                stats.drop("max-size");
                log.warn(name + ": --output-file-max-size-limit of " + config.maxSizeLimit() + " bytes reached after "
                        + total + " bytes; later records are dropped and counted as max-size");
                return;
            }
            Chunk chunk = chunkFor(name);
            int written = chunk.write(message);
            total += written;
            dirty = true;
        } finally {
            lock.unlock();
        }
    }

    /** The file a record of {@code type} goes to at {@code now}, before chunking. */
    private String nameFor(MessageType type, Instant now) {
        if (pattern.usesNanos()) {
            return pattern.expand(now, type);
        }
        long second = now.getEpochSecond();
        if (second != cachedSecond) {
            cachedSecond = second;
            Arrays.fill(cachedNames, null);
        }
        String name = cachedNames[type.ordinal()];
        if (name == null) {
            name = pattern.expand(now, type);
            cachedNames[type.ordinal()] = name;
        }
        return name;
    }

    /** The open file for an expanded name: rotated when full, opened (closing stale names) when new. */
    private Chunk chunkFor(String name) throws IOException {
        Chunk chunk = open.get(name);
        if (chunk != null) {
            if (config.append() || !reachedLimit(chunk)) {
                return chunk;
            }
            open.remove(name);
            chunk.close();
            return opened(name, Chunk.createNew(chunk.name(), chunk.index() + 1));
        }
        closeStale();
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IOException("cannot open output file " + name + ": " + e.getReason(), e);
        }
        if (config.append()) {
            return opened(name, Chunk.append(path));
        }
        return opened(name, Chunk.createAfterExisting(ChunkName.of(path)));
    }

    private boolean reachedLimit(Chunk chunk) {
        return (config.sizeLimit() > 0 && chunk.bytes() >= config.sizeLimit())
                || (config.queueLimit() > 0 && chunk.records() >= config.queueLimit());
    }

    private Chunk opened(String name, Chunk chunk) {
        open.put(name, chunk);
        files.add(chunk.path());
        return chunk;
    }

    /** Closes the files no type maps to any more (the hour changed); they will not be written again. */
    private void closeStale() throws IOException {
        if (open.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<String> current = new HashSet<>();
        for (MessageType type : TYPES) {
            current.add(nameFor(type, now));
        }
        IOException failure = null;
        for (Iterator<Map.Entry<String, Chunk>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Chunk> entry = it.next();
            if (!current.contains(entry.getKey())) {
                it.remove();
                failure = closeQuietly(entry.getValue(), failure);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void flushLoop() {
        while (true) {
            try {
                Thread.sleep(config.flushInterval());
            } catch (InterruptedException e) {
                return;
            }
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (dirty) {
                    dirty = false;
                    for (Chunk chunk : open.values()) {
                        chunk.flush();
                    }
                }
            } catch (IOException e) {
                if (flushFailure == null) {
                    log.warn(e.getMessage());
                    flushFailure = e;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Every file this output has opened so far, in the order it opened them. */
    public List<Path> files() {
        lock.lock();
        try {
            return List.copyOf(files);
        } finally {
            lock.unlock();
        }
    }

    /** Record bytes written so far over all files. */
    public long totalBytes() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }

    /** Flushes and closes every open file (gzip trailers written); later writes fail. Idempotent. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Chunk chunk : open.values()) {
                failure = closeQuietly(chunk, failure);
            }
            open.clear();
        } finally {
            lock.unlock();
        }
        flusher.interrupt();
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException closeQuietly(Chunk chunk, IOException failure) {
        try {
            chunk.close();
            return failure;
        } catch (IOException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    @Override
    public String toString() {
        return "file output " + pattern;
    }
}
