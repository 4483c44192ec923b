package dev.shadowtap.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * A detour every message takes before the outputs: the middleware. Everything the inputs read (and
 * the replies of feedback outputs) goes to {@code sink} only; what {@code source} gives back goes to
 * the outputs. The relay's input must end by itself, within a bounded time, once its output was
 * closed (the middleware's stdin closed, its stdout read to the end).
 *
 * @param sink    where the inputs' messages go (the middleware's stdin)
 * @param source  what comes back (the middleware's stdout)
 * @param quiet   at the end of the primary inputs, the relay counts as settled once it has given
 *                something back and nothing went in or came out for this long; only then are the
 *                feedback outputs closed
 * @param maxWait the longest the emitter waits for the relay to settle
 */
public record Relay(Sink sink, Source source, Duration quiet, Duration maxWait) {
    public Relay {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(maxWait, "maxWait");
    }
}
