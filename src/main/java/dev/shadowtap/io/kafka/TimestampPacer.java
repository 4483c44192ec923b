package dev.shadowtap.io.kafka;

/**
 * GoReplay's pacing of a Kafka input ({@code kafkaTimer}): each message waits until as much time has
 * passed since the one before as their timestamps are apart, divided by the speed factor; a message
 * late already waits for nothing. Used by one thread.
 */
final class TimestampPacer {
    private final double speed;
    private long lastRecordedNs;
    private long lastEmittedNs;
    private boolean started;

    /** {@code speed} 1.0 plays as recorded, 2.0 twice as fast. */
    TimestampPacer(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("the speed factor must be above 0, got " + speed);
        }
        this.speed = speed;
    }

    /**
     * How long to wait before emitting the message recorded at {@code recordedNs}, seen at {@code nowNs}
     * (a monotonic clock); the caller waits, then calls {@link #emitted}.
     */
    long delayNanos(long recordedNs, long nowNs) {
        if (!started) {
            return 0;
        }
        long wanted = (long) ((recordedNs - lastRecordedNs) / speed);
        long passed = nowNs - lastEmittedNs;
        return Math.max(0, wanted - passed);
    }

    /** The message recorded at {@code recordedNs} went out at {@code nowNs}. */
    void emitted(long recordedNs, long nowNs) {
        started = true;
        lastRecordedNs = recordedNs;
        lastEmittedNs = nowNs;
    }
}
