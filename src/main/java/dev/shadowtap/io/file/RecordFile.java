package dev.shadowtap.io.file;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One .gor file {@code --input-file} reads: a local file, or an object of a store (S3). Opened again
 * for every pass of a loop.
 */
public interface RecordFile {
    /** The name users read in messages: the path, or {@code s3://bucket/key}. */
    String name();

    /** Its size in bytes as stored (compressed for .gz), or -1 when it cannot be told. */
    long size();

    /**
     * Opens it for reading (through gzip when the name ends in .gz).
     *
     * @throws IOException when it cannot be read at all; its message is the reason in a few words
     */
    GorReader open(StageStats stats, Log log) throws IOException;

    /** A file on a local disk. */
    record Local(Path path) implements RecordFile {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return -1; // unreadable: reported when it is opened
            }
        }

        @Override
        public GorReader open(StageStats stats, Log log) throws IOException {
            return GorReader.open(path, stats, log);
        }
    }
}
