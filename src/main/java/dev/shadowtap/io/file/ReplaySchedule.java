package dev.shadowtap.io.file;

/**
 * When each record is due, as an offset from the release of the first one: the recorded gaps between
 * consecutive records, each capped at the max wait, summed, and divided by the speed. Offsets are
 * computed from the sum, never by adding up sleeps, so rounding and oversleeping cannot drift.
 *
 * <p>A record stamped earlier than the one before it is due at once (the gap counts as zero) and the
 * schedule goes on from its timestamp. After {@link #restart()} (a new loop over the files) the next
 * record follows the previous one by one typical gap: the mean of the gaps seen so far.
 */
final class ReplaySchedule {
    private final double speed;
    private final long maxGapNanos;
    private boolean started;
    private boolean restarted;
    private long previousTimestamp;
    private long recordedElapsed;
    private long gapSum;
    private long gapCount;

    /**
     * @param speed       1.0 for the recorded pace, 2.0 for twice as fast
     * @param maxGapNanos the longest gap kept, or {@link Long#MAX_VALUE} for no cap
     */
    ReplaySchedule(double speed, long maxGapNanos) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be above 0: " + speed);
        }
        this.speed = speed;
        this.maxGapNanos = maxGapNanos;
    }

    /** Nanoseconds after the first record's release at which this record is due. */
    long offsetOf(long timestampNs) {
        if (!started) {
            started = true;
            previousTimestamp = timestampNs;
            return 0;
        }
        long gap;
        if (restarted) {
            restarted = false;
            gap = gapCount == 0 ? 0 : gapSum / gapCount;
        } else {
            gap = timestampNs >= previousTimestamp ? timestampNs - previousTimestamp : 0;
            if (gap < 0) {
                gap = Long.MAX_VALUE; // overflow of a wild timestamp: capped below
            }
            gap = Math.min(gap, maxGapNanos);
            if (gapSum <= Long.MAX_VALUE - gap) {
                gapSum += gap;
                gapCount++;
            }
        }
        gap = Math.min(gap, maxGapNanos);
        previousTimestamp = timestampNs;
        recordedElapsed = recordedElapsed <= Long.MAX_VALUE - gap ? recordedElapsed + gap : Long.MAX_VALUE;
        return (long) (recordedElapsed / speed);
    }

    /** The next record starts a new loop over the files: it follows after one typical gap. */
    void restart() {
        restarted = started;
    }
}
