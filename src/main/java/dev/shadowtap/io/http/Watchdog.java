package dev.shadowtap.io.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections whose exchange outlived its deadline, so a write to a target that never reads
 * (which no socket timeout bounds) cannot wedge a worker. One virtual thread scans every 20 ms;
 * reads wait untimed, so this is also what ends a response that stalls past the timeout.
 *
 * <p>Arming is a write to the connection's own deadline field, not a map update per request: a
 * connection joins the watched set once, on its first exchange, and leaves it when it is closed.
 */
final class Watchdog implements AutoCloseable {
    private final Set<TargetConnection> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(String name) {
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    void arm(TargetConnection connection, long deadlineNanos) {
        connection.armDeadline(deadlineNanos);
        if (connection.markWatched()) {
            watched.add(connection);
        }
    }

    void disarm(TargetConnection connection) {
        connection.disarmDeadline();
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (TargetConnection connection : watched) {
                if (connection.closed()) {
                    watched.remove(connection);
                } else if (connection.deadlinePassed(now)) {
                    connection.close();
                    watched.remove(connection);
                }
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
