package dev.shadowtap.cli;

import java.time.Duration;

/** {@code --input-file-*}: loop, read-ahead depth, dry run, longest pause (ZERO: as recorded). */
public record FileInOptions(boolean loop, int readDepth, boolean dryRun, Duration maxWait) {
}
