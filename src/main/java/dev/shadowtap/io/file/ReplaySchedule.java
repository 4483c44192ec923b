package dev.shadowtap.io.file;

/**
 * When each record is due, as an offset from the release of the first one: {@code (ts_i - ts_0) / speed},
 * where every advance of the recorded clock is capped at the max wait (the skipped time shifts the
 * rest of the schedule). Offsets come from that sum, never from adding up sleeps, so rounding and
 * oversleeping cannot drift.
 *
 * <p>The recorded clock is the latest timestamp seen so far: a record stamped earlier than that (outside
 * the read-depth window) is due at once and does not move the schedule, so one stray old record cannot
 * stall the records after it. After {@link #restart()} (a new loop over the files) the next record
 * follows the previous one by one typical gap, the mean gap seen so far, and the recorded clock starts
 * again from its timestamp.
 */
final class ReplaySchedule {
    private final double speed;
    private final long maxGapNanos;
    private boolean started;
    private boolean restarted;
    private long recordedClock;
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
            recordedClock = timestampNs;
            return 0;
        }
        long gap;
        if (restarted) {
            restarted = false;
            gap = gapCount == 0 ? 0 : gapSum / gapCount;
            recordedClock = timestampNs;
        } else {
            gap = timestampNs > recordedClock ? timestampNs - recordedClock : 0;
            if (gap < 0) {
                gap = Long.MAX_VALUE; // a wild timestamp overflowed the subtraction
            }
            gap = Math.min(gap, maxGapNanos);
            recordedClock = Math.max(recordedClock, timestampNs);
            if (gapSum <= Long.MAX_VALUE - gap) {
                gapSum += gap;
                gapCount++;
            }
        }
        recordedElapsed = recordedElapsed <= Long.MAX_VALUE - gap ? recordedElapsed + gap : Long.MAX_VALUE;
        return (long) (recordedElapsed / speed);
    }

    /** The next record starts a new loop over the files: it follows after one typical gap. */
    void restart() {
        restarted = started;
    }
}
