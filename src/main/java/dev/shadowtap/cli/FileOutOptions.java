package dev.shadowtap.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code --output-file-*}: append to one file, chunk size (bytes), records per chunk, total size cap
 * (bytes), flush interval, the S3 buffer directory (used only for {@code s3://} names), and
 * {@code --s3-endpoint} (for {@code s3://} names of inputs too; empty: the environment's, else AWS).
 */
public record FileOutOptions(boolean append, long sizeLimit, int queueLimit, long maxSizeLimit,
                             Duration flushInterval, String bufferPath, Optional<String> s3Endpoint) {
}
