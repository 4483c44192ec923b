package dev.shadowtap.io.file;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>A file that cannot be opened or written (a full disk, an I/O error) never stops the run and never
 * throws: the records it lost are counted as {@code write-error} on the stage beside the messages
 * handed over (those still in a chunk's batch included: a failed chunk is cut back to its last whole
 * record, see {@link Chunk}, and one left without records is deleted), the first failure is logged in
 * one line, and for {@link #RETRY_AFTER} later records are counted without touching the disk, then
 * tried again (in a new chunk). {@link #failureSummary()} says at the end what was lost.
 *
 * <p>Each chunk, once closed, is handed to the output's {@link ChunkStore}: local files stay where they
 * were written; an S3 store uploads them (the chunks of {@code s3://} names are written under its buffer
 * directory), and numbering also starts after the highest chunk it holds.
 *
 * <p>{@link #write} is called from one thread; {@link #close()} and the flusher run on others. One
 * uncontended lock guards the files.
 */
public final class FileOutput implements Output {
    private static final MessageType[] TYPES = MessageType.values();
    /** After a failure, how long records are dropped (and counted) before the disk is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final FileOutputConfig config;
    private final StageStats stats;
    private final Log log;
    private final Clock clock;
    private final FileNamePattern pattern;
    private final boolean timed;
    private final ChunkStore store;
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
    private long handed;
    private long lost;
    private long failures;
    private String firstFailure;
    private boolean failing;
    private long failedAt;

    public FileOutput(FileOutputConfig config, StageStats stats, Log log) {
        this(config, stats, log, Clock.systemDefaultZone(), FileNamePattern.randomWord(RandomGenerator.getDefault()));
    }

    /**
     * @param clock      the time names are expanded for, in the clock's zone (GoReplay: local time)
     * @param instanceId what {@code %i} expands to; the application passes one id for the whole process
     */
    public FileOutput(FileOutputConfig config, StageStats stats, Log log, Clock clock, String instanceId) {
        this(config, ChunkStore.LOCAL, stats, log, clock, instanceId);
    }

    /**
     * @param store where closed chunks go ({@link ChunkStore#LOCAL}: they stay where they were written);
     *              this output closes it last
     */
    public FileOutput(FileOutputConfig config, ChunkStore store, StageStats stats, Log log, Clock clock,
                      String instanceId) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pattern = new FileNamePattern(config.pathPattern(), clock.getZone(),
                FileNamePattern.randomWord(RandomGenerator.getDefault()), instanceId);
        this.timed = pattern.usesTime();
        this.flusher = Thread.ofVirtual().name("file-output-flush " + config.pathPattern()).start(this::flushLoop);
    }

    @Override
    public void write(Message message) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("output file " + pattern + " is closed");
            }
            handed++;
            if (full) {
                stats.drop(Reason.MAX_SIZE);
                return;
            }
            // a name without a time in it needs no clock read per record
            String name = nameFor(message.type(), timed ? clock.instant() : Instant.EPOCH);
            int size = sizer.sizeOf(message);
            if (config.maxSizeLimit() > 0 && total + size > config.maxSizeLimit()) {
                full = true;
                stats.drop(Reason.MAX_SIZE);
                log.warn(name + ": --output-file-max-size-limit of " + config.maxSizeLimit() + " bytes reached after "
                        + total + " bytes; later records are dropped and counted as max-size");
                return;
            }
            if (failing && sinceFailure() < RETRY_AFTER.toMillis()) {
                lose(1);
                return;
            }
            Chunk chunk = chunkFor(name);
            if (chunk == null) {
                lose(1); // the file could not be opened, or a full one failed to close: the failure is noted
                return;
            }
            long records = chunk.records();
            long bytes = chunk.bytes();
            try {
                chunk.write(message, size);
                total += size;
                dirty = true;
            } catch (IOException e) {
                open.remove(name);
                failed(chunk, records, bytes, e);
                lose(1);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Milliseconds since the last failure; a clock set back counts as long ago. */
    private long sinceFailure() {
        long since = clock.millis() - failedAt;
        return since < 0 ? Long.MAX_VALUE : since;
    }

    /** Counts records this output took and could not write. */
    private void lose(long records) {
        if (records > 0) {
            lost += records;
            stats.drops(Reason.WRITE_ERROR, records);
        }
    }

    /**
     * A chunk failed and closed itself where its records were whole: the records it held before
     * ({@code records}, {@code bytes}) and no longer holds are lost.
     */
    private void failed(Chunk chunk, long records, long bytes, IOException e) {
        lose(records - chunk.records());
        total -= bytes - chunk.bytes();
        if (chunk.deleted()) {
            files.remove(chunk.path());
        } else if (chunk.records() > 0) {
            store.completed(chunk.path(), chunk.records(), chunk.bytes()); // cut back to its whole records
        }
        noteFailure(e);
    }

    /**
     * The first failure is logged in one line; later ones are only counted, for a full disk or a path
     * that cannot be opened fails the same way for every record. Records are then dropped without a
     * try for {@link #RETRY_AFTER}.
     */
    private void noteFailure(IOException e) {
        failures++;
        failing = true;
        failedAt = clock.millis();
        if (firstFailure == null) {
            firstFailure = e.getMessage();
            log.warn(firstFailure + " (records this output cannot write are counted as write-error, later errors"
                    + " without a line; writing is tried again every " + RETRY_AFTER.toSeconds() + " s)");
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

    /**
     * The open file for an expanded name: rotated when full, opened (closing stale names) when new; null
     * when it could not be opened or the full one failed to close (the failure noted, its losses counted).
     */
    private Chunk chunkFor(String name) {
        Chunk chunk = open.get(name);
        if (chunk != null) {
            if (config.append() || !reachedLimit(chunk)) {
                return chunk;
            }
            open.remove(name);
            if (!closeCounting(chunk)) {
                return null;
            }
            return opened(name, () -> Chunk.createNew(chunk.name(), chunk.index() + 1));
        }
        closeStale();
        Path path;
        try {
            path = store.localPath(name);
        } catch (InvalidPathException e) {
            noteFailure(new IOException("cannot open output file " + name + ": " + e.getReason(), e));
            return null;
        }
        if (config.append()) {
            return opened(name, () -> Chunk.append(path));
        }
        return opened(name, () -> {
            ChunkName chunks = ChunkName.of(path);
            return Chunk.createAfterExisting(chunks, store.highestStored(chunks));
        });
    }

    private interface Opening {
        Chunk open() throws IOException;
    }

    private boolean reachedLimit(Chunk chunk) {
        return (config.sizeLimit() > 0 && chunk.bytes() >= config.sizeLimit())
                || (config.queueLimit() > 0 && chunk.records() >= config.queueLimit());
    }

    private Chunk opened(String name, Opening opening) {
        Chunk chunk;
        try {
            chunk = opening.open();
        } catch (IOException e) {
            noteFailure(e);
            return null;
        }
        open.put(name, chunk);
        files.add(chunk.path());
        return chunk;
    }

    /** Closes the files no type maps to any more (the hour changed); they will not be written again. */
    private void closeStale() {
        if (open.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<String> current = new HashSet<>();
        for (MessageType type : TYPES) {
            current.add(nameFor(type, now));
        }
        for (Iterator<Map.Entry<String, Chunk>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Chunk> entry = it.next();
            if (!current.contains(entry.getKey())) {
                it.remove();
                closeCounting(entry.getValue());
            }
        }
    }

    /** Closes a chunk; false when that failed (its losses counted, the failure noted). */
    private boolean closeCounting(Chunk chunk) {
        long records = chunk.records();
        long bytes = chunk.bytes();
        try {
            chunk.close();
            store.completed(chunk.path(), chunk.records(), chunk.bytes());
            return true;
        } catch (IOException e) {
            failed(chunk, records, bytes, e);
            return false;
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
                    for (Iterator<Chunk> it = open.values().iterator(); it.hasNext(); ) {
                        Chunk chunk = it.next();
                        long records = chunk.records();
                        long bytes = chunk.bytes();
                        try {
                            chunk.flush();
                        } catch (IOException e) {
                            it.remove();
                            failed(chunk, records, bytes, e);
                        }
                    }
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

    /**
     * Records this output took and could not write (counted as {@code write-error} on its stage), with
     * the first failure; empty when every file was written and closed without an error.
     */
    public Optional<String> failureSummary() {
        lock.lock();
        try {
            if (failures == 0) {
                return Optional.empty();
            }
            String what = lost == 0 ? "every record is in the files, but one could not be ended or closed"
                    : lost + " of " + handed + " records could not be written (counted as write-error)";
            return Optional.of("output-file " + config.pathPattern() + ": " + what + "; the first error: " + firstFailure);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes and closes every open file (gzip trailers written); later writes fail. A file that cannot
     * be written is counted and noted as during the run, never thrown. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Chunk chunk : open.values()) {
                closeCounting(chunk);
            }
            open.clear();
        } finally {
            lock.unlock();
        }
        flusher.interrupt();
        store.close();
    }

    /** What the chunk store did (what was uploaded), for the exit summary; empty for local files. */
    public Optional<String> storeReport() {
        return store.report();
    }

    /** True when records reached a chunk but not the store (an upload that failed): the run lost them. */
    public boolean storeLostRecords() {
        return store.lostRecords();
    }

    @Override
    public String toString() {
        return "file output " + pattern;
    }
}
