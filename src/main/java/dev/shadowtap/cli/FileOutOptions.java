package dev.shadowtap.cli;

import java.time.Duration;

/**
 * {@code --output-file-*}: append to one file, chunk size (bytes), records per chunk, total size cap
 * (bytes), flush interval, and the S3 buffer directory (used only for {@code s3://} names).
 */
public record FileOutOptions(boolean append, long sizeLimit, int queueLimit, long maxSizeLimit,
                             Duration flushInterval, String bufferPath) {
}
