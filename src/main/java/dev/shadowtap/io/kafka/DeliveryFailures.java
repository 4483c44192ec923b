package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The messages the Kafka output could not deliver, counted on its stage by reason: {@code too-large}
 * (over the producer's or the broker's limit; the first one named in a line), {@code kafka-unavailable}
 * (no broker took it in time: buffer full, metadata or delivery timed out, closed before delivery; the first named),
 * {@code write-error} for anything else (the first one named in a line). Called from the producer's
 * thread and the output's.
 */
final class DeliveryFailures {
    private final StageStats stage;
    private final Log log;
    private final String name;
    private final AtomicBoolean tooLargeNamed = new AtomicBoolean();
    private final AtomicBoolean otherNamed = new AtomicBoolean();
    private final AtomicBoolean unavailableNamed = new AtomicBoolean();

    DeliveryFailures(StageStats stage, Log log, String name) {
        this.stage = stage;
        this.log = log;
        this.name = name;
    }

    /** Counts one message that failed with {@code e}; {@code what} names it (its header line and size). */
    void failed(Exception e, String what) {
        Reason reason = reasonOf(e);
        stage.drop(reason);
        if (reason == Reason.TOO_LARGE && tooLargeNamed.compareAndSet(false, true)) {
            log.warn(name + ": message " + what + " is over the Kafka limit (" + said(e)
                    + "); such messages are counted as too-large");
        } else if (reason == Reason.KAFKA_UNAVAILABLE && unavailableNamed.compareAndSet(false, true)) {
            log.warn(name + ": message " + what + " was not delivered: " + said(e)
                    + "; such messages are counted as kafka-unavailable");
        } else if (reason == Reason.WRITE_ERROR && otherNamed.compareAndSet(false, true)) {
            log.warn(name + ": message " + what + " was not delivered: " + e.getClass().getSimpleName() + ": "
                    + said(e) + "; such messages are counted as write-error");
        }
    }

    static Reason reasonOf(Exception e) {
        if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException) {
            return Reason.TOO_LARGE;
        }
        if (e instanceof RetriableException || e instanceof org.apache.kafka.common.errors.TimeoutException
                || e instanceof IllegalStateException || isForcedClose(e)) {
            return Reason.KAFKA_UNAVAILABLE;
        }
        return Reason.WRITE_ERROR;
    }

    /** A batch aborted because the producer closed before a broker took it. */
    private static boolean isForcedClose(Exception e) {
        return e instanceof org.apache.kafka.common.KafkaException && said(e) != null
                && said(e).contains("closed forcefully");
    }

    /** The client's message without its own closing full stop, to sit inside our line. */
    private static String said(Exception e) {
        String m = String.valueOf(e.getMessage()).strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
