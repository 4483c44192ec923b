package dev.shadowtap.io.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections whose exchange outlived its deadline, so a write to a target that never reads
 * (which no socket timeout bounds) cannot wedge a worker. One virtual thread scans every 20 ms;
 * reads wait untimed, so this is also what ends a response that stalls past the timeout.
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
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            deadlines.forEach((connection, deadline) -> {
                if (now - deadline >= 0) {
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
