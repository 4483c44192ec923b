package dev.shadowtap.io.file;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code --input-file} reads and paces .gor files.
 *
 * @param pattern   a path or a glob ({@code *}, {@code ?}, {@code [...]}, {@code {a,b}}, {@code **})
 * @param speed     replay speed factor: 1.0 keeps the recorded pace, 2.0 ({@code file|200%}) halves every
 *                  gap; {@link #AS_FAST_AS_POSSIBLE} or more turns pacing off
 * @param loop      {@code --input-file-loop}: start again from the first file after the last, until closed
 * @param readDepth {@code --input-file-read-depth}: records held to put out-of-order ones back in
 *                  timestamp order; 0 or 1 means no reordering
 * @param maxWait   {@code --input-file-max-wait}: the longest gap kept between two records; null or zero
 *                  means no cap
 * @param dryRun    {@code --input-file-dry-run}: summarise the files instead of replaying them
 */
public record FileInputConfig(String pattern, double speed, boolean loop, int readDepth, Duration maxWait,
                              boolean dryRun) {
    /** GoReplay's default read depth. */
    public static final int DEFAULT_READ_DEPTH = 100;
    /** A speed at or above this is "no pacing at all". */
    public static final double AS_FAST_AS_POSSIBLE = 1e6;

    public FileInputConfig {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("--input-file needs a file name or glob");
        }
        if (Double.isNaN(speed) || speed <= 0) {
            throw new IllegalArgumentException("--input-file " + pattern + ": speed must be above 0%, got "
                    + speed * 100 + "%");
        }
        if (readDepth < 0) {
            throw new IllegalArgumentException("--input-file-read-depth must be 0 or more, got " + readDepth);
        }
        if (maxWait != null && maxWait.isNegative()) {
            throw new IllegalArgumentException("--input-file-max-wait must not be negative, got " + maxWait);
        }
        if (maxWait != null && maxWait.isZero()) {
            maxWait = null;
        }
    }

    /** One pass at the recorded pace with GoReplay's defaults. */
    public static FileInputConfig of(String pattern) {
        return new FileInputConfig(pattern, 1.0, false, DEFAULT_READ_DEPTH, null, false);
    }

    public FileInputConfig withSpeed(double newSpeed) {
        return new FileInputConfig(pattern, newSpeed, loop, readDepth, maxWait, dryRun);
    }

    /** False when records go out as fast as they are read. */
    public boolean paced() {
        return speed < AS_FAST_AS_POSSIBLE;
    }

    /** The gap cap in nanoseconds, or {@link Long#MAX_VALUE} when there is none. */
    public long maxWaitNanos() {
        if (maxWait == null) {
            return Long.MAX_VALUE;
        }
        try {
            return maxWait.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
