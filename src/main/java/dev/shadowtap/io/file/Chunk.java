package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorFormat;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One open output file: buffered, through gzip when its name ends in .gz, counting the record bytes
 * and records written to it. Not thread-safe: {@link FileOutput} guards it with its lock.
 */
final class Chunk implements AutoCloseable {
    private static final int BUFFER = 64 << 10;

    private final Path path;
    private final ChunkName name;
    private final int index;
    private final OutputStream file;
    private final GZIPOutputStream gzip;
    private final BufferedOutputStream buffered;
    private final GorWriter writer;
    private long bytes;
    private long records;

    private Chunk(Path path, ChunkName name, int index, OutputStream file) throws IOException {
        this.path = path;
        this.name = name;
        this.index = index;
        this.file = file;
        try {
            // syncFlush: a flush pushes every record written so far through the deflater to the file.
            this.gzip = GorFormat.isGzipName(path.toString()) ? new GZIPOutputStream(file, BUFFER, true) : null;
        } catch (IOException e) {
            file.close();
            throw e;
        }
        this.buffered = new BufferedOutputStream(gzip != null ? gzip : file, BUFFER);
        this.writer = GorWriter.file(buffered);
    }

    /** Creates the first chunk of {@code name} in this run: the one after the highest already on disk. */
    static Chunk createAfterExisting(ChunkName name) throws IOException {
        createDirectories(name.dir());
        return createNew(name, highestExisting(name) + 1);
    }

    /**
     * Creates chunk {@code index} of {@code name}, never overwriting: when the file exists already (made
     * by someone else since we looked), the next free index is taken.
     */
    static Chunk createNew(ChunkName name, int index) throws IOException {
        createDirectories(name.dir());
        for (int i = index; ; i++) {
            Path path = name.path(i);
            try {
                return new Chunk(path, name, i, Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                i = Math.max(i, highestExisting(name));
            } catch (IOException e) {
                throw failure("cannot open output file", path, e);
            }
        }
    }

    /** Opens {@code path} for appending (a gzip file gets a new member, which is still valid gzip). */
    static Chunk append(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            return new Chunk(path, null, -1, Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw failure("cannot open output file", path, e);
        }
    }

    private static int highestExisting(ChunkName name) throws IOException {
        try {
            return name.highestExisting();
        } catch (IOException e) {
            throw failure("cannot list the directory of output files", name.dir(), e);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
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

    long bytes() {
        return bytes;
    }

    long records() {
        return records;
    }

    /** Writes one whole record; returns its size in bytes. */
    int write(Message message) throws IOException {
        try {
            int size = writer.write(message);
            bytes += size;
            records++;
            return size;
        } catch (IOException e) {
            throw failure("cannot write output file", path, e);
        }
    }

    void flush() throws IOException {
        try {
            buffered.flush();
        } catch (IOException e) {
            throw failure("cannot write output file", path, e);
        }
    }

    /** Flushes, writes the gzip trailer and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            buffered.close();
        } catch (IOException e) {
            file.close();
            throw failure("cannot write output file", path, e);
        }
    }
}
