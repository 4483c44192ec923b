package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;

/**
 * Who sends an {@link HttpReplayOutput}'s requests: {@link LoopWorkers} (plain http: one thread drives
 * every connection on a selector), {@link ThreadWorkers} (https: a virtual thread per connection) or,
 * with {@code --recognize-tcp-sessions}, {@link SessionWorkers} (a connection per recorded session).
 * Both grow connections with demand between {@code workersMin} and the most allowed, shrink idle ones
 * after {@code workerTimeout}, and run the output's {@code done} callback once per request submitted,
 * with that request, whatever became of it.
 */
sealed interface ReplayWorkers permits LoopWorkers, ThreadWorkers, SessionWorkers, H2Workers {
    /** Queues a request; the caller holds one of the output's {@code queueLen} credits for it. */
    void submit(Message request);

    /** Requests waiting for a connection. */
    int queued();

    /** Requests sent (or being sent) and not yet answered. */
    int inFlight();

    /** Connections (workers) open or being opened. */
    int workers();

    /** Removes the requests not started yet and returns how many (each has had its {@code done} run). */
    int dropQueued();

    /**
     * Stops: requests still queued are dropped (counted by the caller from the return value), requests in
     * flight get a short grace, then every connection is closed. Returns how many queued requests were dropped.
     */
    int shutdown();
}
