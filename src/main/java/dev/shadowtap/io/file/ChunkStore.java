package dev.shadowtap.io.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the chunks of a {@link FileOutput} end up. Chunks are always written as local files first
 * (rotation, gzip and the cut back to whole records need a file); a store says where those files go
 * and takes each one once it is closed: {@link #LOCAL} leaves it where it is, an S3 store uploads it
 * and removes the local copy.
 */
public interface ChunkStore extends AutoCloseable {
    /** The local files are the store: nothing to upload, chunk numbers from the directory alone. */
    ChunkStore LOCAL = new ChunkStore() {
        @Override
        public Path localPath(String expandedName) {
            return Path.of(expandedName);
        }

        @Override
        public String toString() {
            return "local files";
        }
    };

    /**
     * The local file an expanded output name is written to.
     *
     * @throws java.nio.file.InvalidPathException when the name cannot be a path here
     */
    Path localPath(String expandedName);

    /**
     * The highest chunk index of {@code name} the store already holds beyond the local directory, so
     * that a new run never replaces one; -1 when there is none.
     *
     * @throws IOException a one-line failure naming what could not be listed
     */
    default int highestStored(ChunkName name) throws IOException {
        return -1;
    }

    /** A chunk file is closed and holds {@code records} whole records ({@code bytes} record bytes). */
    default void completed(Path file, long records, long bytes) {
    }

    /** What the store did in the run, for the exit summary; empty when there is nothing to say. */
    default Optional<String> report() {
        return Optional.empty();
    }

    /** True when records reached a chunk file but not the store (each counted by reason). */
    default boolean lostRecords() {
        return false;
    }

    /** Finishes what was handed over (waits for uploads); idempotent. */
    @Override
    default void close() {
    }
}
