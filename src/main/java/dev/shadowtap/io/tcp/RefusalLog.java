package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Log;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A receiver's lines about connections it refused: one per peer host a minute, so a sender retrying
 * ten connections with back-off does not flood the log; every refusal is still counted.
 */
final class RefusalLog {
    private static final long QUIET_NANOS = 60_000_000_000L;
    private static final int MAX_HOSTS = 10_000;

    private final Log log;
    private final ConcurrentHashMap<String, Long> lastSaid = new ConcurrentHashMap<>();

    RefusalLog(Log log) {
        this.log = log;
    }

    /** Logs {@code line} unless a line about {@code host} was logged in the last minute. */
    void refused(String host, String line) {
        long now = System.nanoTime();
        if (lastSaid.size() > MAX_HOSTS) {
            lastSaid.clear();
        }
        Long before = lastSaid.get(host);
        if (before != null && now - before < QUIET_NANOS) {
            return;
        }
        lastSaid.put(host, now);
        log.warn(line + " (further refusals of this host within a minute are counted, not logged)");
    }
}
