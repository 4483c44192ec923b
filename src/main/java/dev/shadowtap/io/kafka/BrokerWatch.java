package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says when the brokers stop taking a Kafka output's messages while some wait in its buffer, and when
 * they take them again: an outage is otherwise silent until messages time out minutes later. One line
 * each way; the counts stay with {@link DeliveryFailures}.
 */
final class BrokerWatch {
    /** How long without an acknowledgement, while messages wait, before it is said. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private final String name;
    private final Log log;
    private final long quietNanos;
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private volatile long lastSettled;
    private boolean said; // touched by the ticking thread only

    BrokerWatch(String name, Log log, Duration quiet, long nowNanos) {
        this.name = name;
        this.log = log;
        this.quietNanos = quiet.toNanos();
        this.lastSettled = nowNanos;
    }

    void handed() {
        handed.incrementAndGet();
    }

    /** A message was acknowledged, or failed for good (either way it no longer waits). */
    void settled(long nowNanos) {
        settled.incrementAndGet();
        lastSettled = nowNanos;
    }

    /** Messages handed to the producer and neither acknowledged nor failed yet. */
    long waiting() {
        return handed.get() - settled.get();
    }

    /** Seconds since a broker last took a message while some wait, or 0 when none waits or one was taken lately. */
    long quietSeconds(long nowNanos) {
        long quietFor = nowNanos - lastSettled;
        return waiting() > 0 && quietFor >= quietNanos ? Duration.ofNanos(quietFor).toSeconds() : 0;
    }

    /** Called now and then: one line when the brokers went quiet with messages waiting, one when back. */
    void tick(long nowNanos) {
        long waiting = handed.get() - settled.get();
        boolean quiet = waiting > 0 && nowNanos - lastSettled >= quietNanos;
        if (quiet && !said) {
            said = true;
            log.warn(name + ": no broker has taken a message for " + Duration.ofNanos(nowNanos - lastSettled).toSeconds()
                    + " s; " + waiting + " message(s) wait in the buffer (what does not fit, or waits past the delivery"
                    + " timeout, is counted kafka-unavailable)");
        } else if (said && nowNanos - lastSettled < quietNanos) {
            said = false;
            log.info(name + ": the brokers take messages again (" + waiting + " still waiting)");
        }
    }
}
