package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP output's receiver refusing its connections (a TLS receiver answering a plaintext sender): the
 * records written on a refused connection are lost, counted {@code peer-refused}; the first refusal is
 * said in one line, the others only counted.
 */
final class Refusals {
    private final String output;
    private final StageStats stage;
    private final Log log;
    private final AtomicBoolean said = new AtomicBoolean();

    Refusals(String output, StageStats stage, Log log) {
        this.output = output;
        this.stage = stage;
        this.log = log;
    }

    void refused(long records, String why) {
        if (records > 0) {
            stage.drops(Reason.PEER_REFUSED, records);
        }
        if (said.compareAndSet(false, true)) {
            log.warn(output + ": the receiver refused the connection (" + why + "); " + records
                    + " record(s) written on it are lost (counted peer-refused); retrying with back-off");
        }
    }
}
