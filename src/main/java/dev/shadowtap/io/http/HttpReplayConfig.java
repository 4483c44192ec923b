package dev.shadowtap.io.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@code --output-http}, as GoReplay names them.
 *
 * @param target         {@code --output-http}: {@code http://} or {@code https://} URL; {@code user:pass@}
 *                       becomes Basic auth; a path in it is ignored, as GoReplay does (requests keep
 *                       their own path)
 * @param workersMin     {@code --output-http-workers-min}: workers (connections) always kept, at least 1
 * @param workersMax     {@code --output-http-workers}: most workers; 0 = grow with demand, bounded only
 *                       by {@code queueLen} (queued plus in-flight requests never exceed it)
 * @param queueLen       {@code --output-http-queue-len}: requests queued or in flight at most; a full
 *                       queue makes {@code write()} wait
 * @param timeout        {@code --output-http-timeout}: connect plus the whole response of one request
 * @param workerTimeout  {@code --output-http-worker-timeout}: a worker above the minimum idle this long exits
 * @param redirects      {@code --output-http-redirects}: 301/302/303/307/308 with a Location on the
 *                       target's own host followed up to this many times; 0 = none
 * @param responseBuffer {@code --output-http-response-buffer}: body bytes of a response kept for
 *                       tracking; the rest is read and discarded, and the reply counted as truncated
 * @param skipVerify     {@code --output-http-skip-verify}: any certificate, no host-name check
 * @param trackResponse  {@code --output-http-track-response}: replies flow back as REPLAYED messages
 * @param originalHost   {@code --http-original-host}: keep the request's Host header
 * @param statsInterval  {@code --output-http-stats} with {@code --output-http-stats-ms}; null = no
 *                       periodic stats lines
 */
public record HttpReplayConfig(URI target, int workersMin, int workersMax, int queueLen, Duration timeout,
                               Duration workerTimeout, int redirects, int responseBuffer, boolean skipVerify,
                               boolean trackResponse, boolean originalHost, Duration statsInterval) {
    public static final int DEFAULT_WORKERS_MIN = 1;
    /** 0: grow to demand. GoReplay's fixed pool of 10 caps a 0.5 ms target near 6k req/s; this does not. */
    public static final int DEFAULT_WORKERS_MAX = 0;
    public static final int DEFAULT_QUEUE_LEN = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WORKER_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RESPONSE_BUFFER = 1 << 20;
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofMillis(5000);

    public HttpReplayConfig {
        Objects.requireNonNull(target, "target");
        ReplayTarget.of(target);
        if (workersMin < 1) {
            throw new IllegalArgumentException("--output-http-workers-min must be 1 or more, got " + workersMin);
        }
        if (workersMax < 0) {
            throw new IllegalArgumentException("--output-http-workers must be 0 (grow to demand) or more, got " + workersMax);
        }
        if (workersMax != 0 && workersMax < workersMin) {
            throw new IllegalArgumentException("--output-http-workers (" + workersMax
                    + ") is below --output-http-workers-min (" + workersMin + ")");
        }
        if (queueLen < 1) {
            throw new IllegalArgumentException("--output-http-queue-len must be 1 or more, got " + queueLen);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--output-http-timeout must be above 0, got " + timeout);
        }
        if (workerTimeout == null || workerTimeout.isNegative() || workerTimeout.isZero()) {
            throw new IllegalArgumentException("--output-http-worker-timeout must be above 0, got " + workerTimeout);
        }
        if (redirects < 0) {
            throw new IllegalArgumentException("--output-http-redirects must be 0 or more, got " + redirects);
        }
        if (responseBuffer < 0) {
            throw new IllegalArgumentException("--output-http-response-buffer must be 0 or more bytes, got " + responseBuffer);
        }
        if (statsInterval != null && (statsInterval.isNegative() || statsInterval.isZero())) {
            throw new IllegalArgumentException("--output-http-stats-ms must be above 0, got " + statsInterval);
        }
    }

    /** The defaults for a target URL: 1 to demand workers, queue 1000, 5 s timeout, 2 s worker idle, 1 MiB kept. */
    public static HttpReplayConfig defaults(URI target) {
        return new HttpReplayConfig(target, DEFAULT_WORKERS_MIN, DEFAULT_WORKERS_MAX, DEFAULT_QUEUE_LEN,
                DEFAULT_TIMEOUT, DEFAULT_WORKER_TIMEOUT, 0, DEFAULT_RESPONSE_BUFFER, false, false, false, null);
    }

    /** The most workers this output runs: {@code workersMax}, or {@code queueLen} when 0. */
    public int effectiveWorkersMax() {
        return workersMax == 0 ? Math.max(queueLen, workersMin) : workersMax;
    }

    public HttpReplayConfig withWorkers(int newMin, int newMax) {
        return new HttpReplayConfig(target, newMin, newMax, queueLen, timeout, workerTimeout, redirects,
                responseBuffer, skipVerify, trackResponse, originalHost, statsInterval);
    }

    public HttpReplayConfig withQueueLen(int newQueueLen) {
        return new HttpReplayConfig(target, workersMin, workersMax, newQueueLen, timeout, workerTimeout, redirects,
                responseBuffer, skipVerify, trackResponse, originalHost, statsInterval);
    }

    public HttpReplayConfig withTimeouts(Duration newTimeout, Duration newWorkerTimeout) {
        return new HttpReplayConfig(target, workersMin, workersMax, queueLen, newTimeout, newWorkerTimeout, redirects,
                responseBuffer, skipVerify, trackResponse, originalHost, statsInterval);
    }

    public HttpReplayConfig withRedirects(int newRedirects) {
        return new HttpReplayConfig(target, workersMin, workersMax, queueLen, timeout, workerTimeout, newRedirects,
                responseBuffer, skipVerify, trackResponse, originalHost, statsInterval);
    }

    public HttpReplayConfig withResponseBuffer(int newResponseBuffer) {
        return new HttpReplayConfig(target, workersMin, workersMax, queueLen, timeout, workerTimeout, redirects,
                newResponseBuffer, skipVerify, trackResponse, originalHost, statsInterval);
    }

    public HttpReplayConfig withFlags(boolean newSkipVerify, boolean newTrackResponse, boolean newOriginalHost) {
        return new HttpReplayConfig(target, workersMin, workersMax, queueLen, timeout, workerTimeout, redirects,
                responseBuffer, newSkipVerify, newTrackResponse, newOriginalHost, statsInterval);
    }

    public HttpReplayConfig withStatsInterval(Duration newStatsInterval) {
        return new HttpReplayConfig(target, workersMin, workersMax, queueLen, timeout, workerTimeout, redirects,
                responseBuffer, skipVerify, trackResponse, originalHost, newStatsInterval);
    }
}
