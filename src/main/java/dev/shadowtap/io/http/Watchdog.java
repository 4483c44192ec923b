package dev.shadowtap.io.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections whose exchange outlived its deadline, so a write to a target that never reads
 * (which no socket timeout bounds) cannot wedge a worker. One virtual thread scans every 50 ms.
 */
final class Watchdog implements AutoCloseable {
    private final Map<TargetConnection, Long> deadlines = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(String name) {
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    void arm(TargetConnection connection, long deadlineNanos) {
        deadlines.put(connection, deadlineNanos);
    }

    void disarm(TargetConnection connection) {
        deadlines.remove(connection);
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            // a little after the deadline, so socket timeouts (which say "timeout" precisely) fire first
            deadlines.forEach((connection, deadline) -> {
                if (now - deadline > 100_000_000L) {
                    connection.close();
                    deadlines.remove(connection);
                }
            });
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
