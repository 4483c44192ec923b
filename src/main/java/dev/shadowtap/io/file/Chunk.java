package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorFormat;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One open output file: through gzip when its name ends in .gz, counting the record bytes and records
 * written to it. Not thread-safe: {@link FileOutput} guards it with its lock.
 *
 * <p>Records are gathered whole in a 64 KB batch and written a batch at a time (a gzip stream is
 * flushed through the deflater after each), so the file always ends, once a batch is written, at the
 * end of a whole record: the last <em>whole</em> point. When a write fails (the disk is full, an I/O
 * error), the file is cut back to that point, a .gz file gets its end written there (an empty last
 * block and the trailer: it stays valid gzip), and a file it made left without any record is deleted
 * (one it appends to is cut back to what was there). The chunk is then closed, and {@link #records()}
 * and {@link #bytes()} say what the file holds: the records handed to it and not counted there were
 * lost, and the caller counts them.
 */
final class Chunk implements AutoCloseable {
    private static final int BUFFER = 64 << 10;
    /** A final empty stored deflate block: BFINAL=1, BTYPE=00, LEN=0, NLEN=0xffff. */
    private static final byte[] LAST_EMPTY_BLOCK = {1, 0, 0, (byte) 0xff, (byte) 0xff};

    private final Path path;
    private final ChunkName name;
    private final int index;
    private final FileChannel channel;
    /** True when this chunk made the file (so may remove it); false when it appends to one that was there. */
    private final boolean created;
    /** The file's size when it was opened: what was there before (appending) is never cut. */
    private final long start;
    private final Disk disk;
    private final GZIPOutputStream gzip;
    private final CRC32 crc;
    /** Where batches go: the file, or the gzip stream (through the CRC of what it was given). */
    private final OutputStream target;
    private final Batch batch = new Batch(BUFFER);
    private final GorWriter batched = GorWriter.file(batch);
    private final GorWriter direct;
    private int batchRecords;
    private long batchBytes;
    // The last whole point: file bytes after start, and (gzip) the CRC and length of the records before it.
    private long whole;
    private long wholeCrc;
    private long wholeLength;
    // Records and record bytes in the file (before the whole point) or in the batch.
    private long bytes;
    private long records;
    private boolean closed;
    private boolean deleted;

    private Chunk(Path path, ChunkName name, int index, FileChannel channel, boolean created) throws IOException {
        this.path = path;
        this.name = name;
        this.index = index;
        this.channel = channel;
        this.created = created;
        this.disk = new Disk(channel);
        long size = 0;
        try {
            size = channel.size();
            if (GorFormat.isGzipName(path.toString())) {
                // syncFlush: a flush pushes every record given so far through the deflater to the file.
                this.gzip = new GZIPOutputStream(disk, BUFFER, true);
                this.crc = new CRC32();
                this.target = new CheckedOutputStream(gzip, crc);
                this.whole = disk.written; // the gzip header
            } else {
                this.gzip = null;
                this.crc = null;
                this.target = disk;
            }
        } catch (IOException e) {
            // Nothing of ours may stay: a full disk may have cut the gzip header short.
            IOException failure = failure("cannot open output file", path, e);
            try {
                if (created) {
                    channel.close();
                    Files.deleteIfExists(path);
                } else {
                    channel.truncate(size);
                    channel.close();
                }
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        this.start = size;
        this.direct = GorWriter.file(target);
    }

    /**
     * Creates the first chunk of {@code name} in this run: the one after the highest already on disk or,
     * {@code highestStored}, in the store the chunks go to.
     */
    static Chunk createAfterExisting(ChunkName name, int highestStored) throws IOException {
        createDirectories(name.dir());
        return createNew(name, Math.max(highestExisting(name), highestStored) + 1);
    }

    /**
     * Creates chunk {@code index} of {@code name}, never overwriting: when the file exists already (made
     * by someone else since we looked), the next free index is taken.
     */
    static Chunk createNew(ChunkName name, int index) throws IOException {
        createDirectories(name.dir());
        for (int i = index; ; i++) {
            Path path = name.path(i);
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            } catch (FileAlreadyExistsException e) {
                i = Math.max(i, highestExisting(name));
                continue;
            } catch (IOException e) {
                throw failure("cannot open output file", path, e);
            }
            return new Chunk(path, name, i, channel, true);
        }
    }

    /** Opens {@code path} for appending (a gzip file gets a new member, which is still valid gzip). */
    static Chunk append(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        FileChannel channel;
        boolean created = true;
        try {
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            } catch (FileAlreadyExistsException e) {
                created = false;
                channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw failure("cannot open output file", path, e);
        }
        return new Chunk(path, null, -1, channel, created);
    }

    private static int highestExisting(ChunkName name) throws IOException {
        try {
            return name.highestExisting();
        } catch (IOException e) {
            throw failure("cannot list the directory of output files", name.dir(), e);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return; // a stat, where creating an existing directory throws (and catches) an exception per chunk
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure("cannot create directory for output files", dir, e);
        }
    }

    /** A one-line error naming the file, with the cause kept for debugging. */
    static IOException failure(String what, Path path, IOException cause) {
        String reason = switch (cause) {
            case AccessDeniedException e -> "permission denied";
            case NoSuchFileException e -> "no such file or directory";
            case FileAlreadyExistsException e -> "a file is in the way";
            case FileSystemException e when e.getReason() != null -> e.getReason();
            default -> cause.getMessage();
        };
        return new IOException(what + " " + path + ": " + reason, cause);
    }

    Path path() {
        return path;
    }

    /** The chunk names this file is one of, or null for an appended file. */
    ChunkName name() {
        return name;
    }

    /** The chunk index, or -1 for an appended file. */
    int index() {
        return index;
    }

    /** Record bytes in the file or waiting in the batch; after a failure, those in the file. */
    long bytes() {
        return bytes;
    }

    /** Records in the file or waiting in the batch; after a failure, those in the file. */
    long records() {
        return records;
    }

    /** True when a failure left the file this chunk made without any record, and it was deleted. */
    boolean deleted() {
        return deleted;
    }

    /**
     * Takes one whole record of {@code size} bytes in .gor form (the caller has measured it for its own
     * limits). When a write fails, the chunk is closed where its records were whole and the failure is
     * thrown; this record is not in it.
     */
    void write(Message message, int size) throws IOException {
        if (batch.count + size > BUFFER) {
            flushBatch();
        }
        if (size > BUFFER) {
            // Larger than the batch: straight through, a batch of its own.
            try {
                direct.write(message);
                settled(size);
            } catch (IOException e) {
                throw fail(e);
            }
        } else {
            batched.write(message);
            batchRecords++;
            batchBytes += size;
        }
        bytes += size;
        records++;
    }

    /** Writes the batch to the file (through the deflater for gzip). */
    void flush() throws IOException {
        flushBatch();
    }

    private void flushBatch() throws IOException {
        if (batchRecords == 0) {
            return;
        }
        try {
            target.write(batch.buf, 0, batch.count);
            settled(batchBytes);
        } catch (IOException e) {
            throw fail(e);
        }
        batch.count = 0;
        batchRecords = 0;
        batchBytes = 0;
    }

    /** Records just given to the target are in the file: the file ends at a whole record here. */
    private void settled(long newBytes) throws IOException {
        if (gzip != null) {
            gzip.flush();
            wholeCrc = crc.getValue();
            wholeLength += newBytes;
        }
        whole = disk.written;
    }

    /**
     * The file could not be written: cuts it back to its last whole point, ends a gzip stream there,
     * removes a file left without records, closes, and returns the one-line failure to throw.
     */
    private IOException fail(IOException cause) {
        IOException failure = failure("cannot write output file", path, cause);
        closed = true;
        disk.detached = true;
        if (gzip != null) {
            try {
                gzip.close(); // ends the deflater; what it still writes goes nowhere
            } catch (IOException ignored) {
                // expected: the detached file refuses it
            }
        }
        records -= batchRecords;
        bytes -= batchBytes;
        batch.count = 0;
        batchRecords = 0;
        batchBytes = 0;
        try {
            if (records == 0) {
                if (created) {
                    channel.close();
                    deleted = true;
                    Files.deleteIfExists(path);
                    return failure;
                }
                channel.truncate(start);
            } else {
                channel.truncate(start + whole);
                if (gzip != null) {
                    endGzip();
                }
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** Ends the gzip member at the whole point (a last empty block, the trailer), or leaves it cut there. */
    private void endGzip() throws IOException {
        ByteBuffer end = ByteBuffer.allocate(LAST_EMPTY_BLOCK.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        end.put(LAST_EMPTY_BLOCK).putInt((int) wholeCrc).putInt((int) wholeLength).flip();
        try {
            while (end.hasRemaining()) {
                channel.write(end);
            }
        } catch (IOException e) {
            channel.truncate(start + whole); // readable up to the last record, without its trailer
        }
    }

    /**
     * Writes the batch, writes the gzip trailer and closes the file. When a write fails, the chunk is
     * closed where its records were whole (see the class) and the failure is thrown.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flushBatch();
        if (gzip != null) {
            try {
                gzip.finish();
            } catch (IOException e) {
                throw fail(e);
            }
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw failure("cannot close output file", path, e);
        }
    }

    /** The file, counting the bytes it took; detached after a failure, it takes nothing more. */
    private static final class Disk extends OutputStream {
        /** The most bytes handed to the channel at once: the JDK copies each into a cached direct buffer. */
        private static final int MAX_WRITE = 64 << 10;

        private final FileChannel channel;
        long written;
        boolean detached;

        Disk(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (detached) {
                throw new IOException("output file closed after a failure");
            }
            for (int at = off, end = off + len; at < end; ) {
                ByteBuffer slice = ByteBuffer.wrap(b, at, Math.min(MAX_WRITE, end - at));
                while (slice.hasRemaining()) {
                    int n = channel.write(slice);
                    written += n;
                    at += n;
                }
            }
        }
    }

    /** Whole records waiting to be written, at most {@link #BUFFER} bytes. */
    private static final class Batch extends OutputStream {
        final byte[] buf;
        int count;

        Batch(int size) {
            buf = new byte[size];
        }

        @Override
        public void write(int b) {
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }
    }
}
