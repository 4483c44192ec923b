package dev.shadowtap.io.file;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@code --output-file}, as GoReplay names them.
 *
 * @param pathPattern   the file name, with {@code %Y %m %d %H %M %S %NS %r %t %i} placeholders
 *                      ({@link FileNamePattern})
 * @param append        {@code --output-file-append}: one file per expanded name, appended to, no chunks
 * @param sizeLimit     {@code --output-file-size-limit}: a chunk closes once it holds this many record
 *                      bytes (uncompressed); 0 = no limit
 * @param queueLimit    {@code --output-file-queue-limit}: a chunk closes once it holds this many records;
 *                      0 = no limit
 * @param maxSizeLimit  {@code --output-file-max-size-limit}: record bytes this output writes in total
 *                      over all its files; later records are dropped and counted; 0 = no limit
 * @param flushInterval {@code --output-file-flush-interval}: how often buffered data reaches the files
 */
public record FileOutputConfig(String pathPattern, boolean append, long sizeLimit, int queueLimit,
                               long maxSizeLimit, Duration flushInterval) {
    public static final long DEFAULT_SIZE_LIMIT = 32L << 20;
    public static final int DEFAULT_QUEUE_LIMIT = 256;
    public static final long DEFAULT_MAX_SIZE_LIMIT = 1L << 40;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    public FileOutputConfig {
        Objects.requireNonNull(pathPattern, "pathPattern");
        if (pathPattern.isBlank()) {
            throw new IllegalArgumentException("--output-file needs a file name");
        }
        if (sizeLimit < 0) {
            throw new IllegalArgumentException("--output-file-size-limit must be 0 or more bytes, got " + sizeLimit);
        }
        if (queueLimit < 0) {
            throw new IllegalArgumentException("--output-file-queue-limit must be 0 or more records, got " + queueLimit);
        }
        if (maxSizeLimit < 0) {
            throw new IllegalArgumentException("--output-file-max-size-limit must be 0 or more bytes, got " + maxSizeLimit);
        }
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("--output-file-flush-interval must be above 0, got " + flushInterval);
        }
    }

    /** GoReplay's defaults for a file name: chunks of 32 MiB or 256 records, 1 TiB in all, flushed every second. */
    public static FileOutputConfig defaults(String pathPattern) {
        return new FileOutputConfig(pathPattern, false, DEFAULT_SIZE_LIMIT, DEFAULT_QUEUE_LIMIT,
                DEFAULT_MAX_SIZE_LIMIT, DEFAULT_FLUSH_INTERVAL);
    }

    public FileOutputConfig withAppend(boolean newAppend) {
        return new FileOutputConfig(pathPattern, newAppend, sizeLimit, queueLimit, maxSizeLimit, flushInterval);
    }

    public FileOutputConfig withLimits(long newSizeLimit, int newQueueLimit, long newMaxSizeLimit) {
        return new FileOutputConfig(pathPattern, append, newSizeLimit, newQueueLimit, newMaxSizeLimit, flushInterval);
    }

    public FileOutputConfig withFlushInterval(Duration newFlushInterval) {
        return new FileOutputConfig(pathPattern, append, sizeLimit, queueLimit, maxSizeLimit, newFlushInterval);
    }
}
