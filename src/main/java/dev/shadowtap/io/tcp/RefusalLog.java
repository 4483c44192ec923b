package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Log;

import java.util.HashMap;
import java.util.Map;

/**
 * A receiver's lines about connections it refused: one per peer host a minute, so a sender retrying
 * ten connections with back-off does not flood the log; every refusal is still counted. Refusals are
 * rare and come from the connections' own threads at once: one lock decides which of them speaks (a
 * check and a put apart let two simultaneous handshakes both log, which CI once saw).
 */
final class RefusalLog {
    private static final long QUIET_NANOS = 60_000_000_000L;
    private static final int MAX_HOSTS = 10_000;

    private final Log log;
    private final Map<String, Long> lastSaid = new HashMap<>();

    RefusalLog(Log log) {
        this.log = log;
    }

    /** Logs {@code line} unless a line about {@code host} was logged in the last minute. */
    void refused(String host, String line) {
        if (firstInAMinute(host, System.nanoTime())) {
            log.warn(line + " (further refusals of this host within a minute are counted, not logged)");
        }
    }

    private synchronized boolean firstInAMinute(String host, long now) {
        if (lastSaid.size() > MAX_HOSTS) {
            lastSaid.clear();
        }
        Long before = lastSaid.get(host);
        if (before != null && now - before < QUIET_NANOS) {
            return false;
        }
        lastSaid.put(host, now);
        return true;
    }
}
