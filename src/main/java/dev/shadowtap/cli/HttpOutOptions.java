package dev.shadowtap.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --output-http-*} and {@code --http-original-host}, grouped as each {@code --output-http}'s
 * {@code HttpReplayConfig} takes them.
 */
public record HttpOutOptions(Target target, Pool pool, Timeouts timeouts, Rewriting rewriting, Tracking tracking) {
    public HttpOutOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(rewriting, "rewriting");
        Objects.requireNonNull(tracking, "tracking");
    }

    /** {@code --output-http-skip-verify}; the URL is each {@code --output-http}'s own. */
    public record Target(boolean skipVerify) {
    }

    /**
     * {@code --output-http-workers-min}, {@code --output-http-workers} ({@code workersMax}; 0 means as
     * many as needed), {@code --output-http-queue-len}.
     */
    public record Pool(int workersMin, int workersMax, int queueLen) {
    }

    /** {@code --output-http-timeout} ({@code request}), {@code --output-http-worker-timeout} ({@code workerIdle}). */
    public record Timeouts(Duration request, Duration workerIdle) {
    }

    /** {@code --http-original-host}, {@code --output-http-redirects}. */
    public record Rewriting(boolean originalHost, int redirects) {
    }

    /**
     * {@code --output-http-track-response}, {@code --output-http-response-buffer} (0 means the default,
     * larger with {@code --compare}), {@code --output-http-stats}, {@code --output-http-stats-ms},
     * {@code --output-http-elasticsearch}.
     */
    public record Tracking(boolean trackResponse, long responseBuffer, boolean stats, Duration statsInterval,
                           Optional<String> elasticsearch) {
    }
}
