package dev.shadowtap.io.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@code --output-http}, as GoReplay names them, grouped by what they govern: each
 * group checks its own values and names the flag it came from.
 */
public record HttpReplayConfig(Target target, Pool pool, Timeouts timeouts, Rewriting rewriting, Tracking tracking) {
    public static final int DEFAULT_WORKERS_MIN = 1;
    /** 0: grow to demand. GoReplay's fixed pool of 10 caps a 0.5 ms target near 6k req/s; this does not. */
    public static final int DEFAULT_WORKERS_MAX = 0;
    public static final int DEFAULT_QUEUE_LEN = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WORKER_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RESPONSE_BUFFER = 1 << 20;
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofMillis(5000);

    /**
     * Where requests go.
     *
     * @param url        {@code --output-http}: {@code http://} or {@code https://} URL; {@code user:pass@}
     *                   becomes Basic auth; a path in it is ignored, as GoReplay does (requests keep
     *                   their own path)
     * @param skipVerify {@code --output-http-skip-verify}: any certificate, no host-name check
     */
    public record Target(URI url, boolean skipVerify) {
        public Target {
            Objects.requireNonNull(url, "target");
            ReplayTarget.of(url);
        }
    }

    /**
     * How many connections (workers) and requests at once.
     *
     * @param workersMin {@code --output-http-workers-min}: workers (connections) always kept, at least 1
     * @param workersMax {@code --output-http-workers}: most workers; 0 = grow with demand, bounded only
     *                   by {@code queueLen} (queued plus in-flight requests never exceed it)
     * @param queueLen   {@code --output-http-queue-len}: requests queued or in flight at most; a full
     *                   queue makes {@code write()} wait
     * @param sessions   {@code --recognize-tcp-sessions}: a connection of its own per recorded client
     *                   connection ({@link SessionWorkers}) instead of a shared pool
     */
    public record Pool(int workersMin, int workersMax, int queueLen, boolean sessions) {
        public Pool(int workersMin, int workersMax, int queueLen) {
            this(workersMin, workersMax, queueLen, false);
        }

        public Pool {
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
        }

        /** The most workers this output runs: {@code workersMax}, or {@code queueLen} when 0. */
        public int effectiveWorkersMax() {
            return workersMax == 0 ? Math.max(queueLen, workersMin) : workersMax;
        }
    }

    /**
     * How long things may take.
     *
     * @param request    {@code --output-http-timeout}: connect plus the whole response of one request
     * @param workerIdle {@code --output-http-worker-timeout}: a worker above the minimum idle this long exits
     */
    public record Timeouts(Duration request, Duration workerIdle) {
        public Timeouts {
            if (request == null || request.isNegative() || request.isZero()) {
                throw new IllegalArgumentException("--output-http-timeout must be above 0, got " + request);
            }
            if (workerIdle == null || workerIdle.isNegative() || workerIdle.isZero()) {
                throw new IllegalArgumentException("--output-http-worker-timeout must be above 0, got " + workerIdle);
            }
        }
    }

    /**
     * What the output changes in a request on its way.
     *
     * @param originalHost {@code --http-original-host}: keep the request's Host header
     * @param redirects    {@code --output-http-redirects}: 301/302/303/307/308 with a Location on the
     *                     target's own host followed up to this many times; 0 = none
     */
    public record Rewriting(boolean originalHost, int redirects) {
        public Rewriting {
            if (redirects < 0) {
                throw new IllegalArgumentException("--output-http-redirects must be 0 or more, got " + redirects);
            }
        }
    }

    /**
     * What the output reports back.
     *
     * @param trackResponse  {@code --output-http-track-response}: replies flow back as REPLAYED messages
     * @param responseBuffer {@code --output-http-response-buffer}: body bytes of a response kept for
     *                       tracking; the rest is read and discarded, and the reply counted as truncated
     * @param statsInterval  {@code --output-http-stats} with {@code --output-http-stats-ms}; null = no
     *                       periodic stats lines
     */
    public record Tracking(boolean trackResponse, int responseBuffer, Duration statsInterval) {
        public Tracking {
            if (responseBuffer < 0) {
                throw new IllegalArgumentException("--output-http-response-buffer must be 0 or more bytes, got " + responseBuffer);
            }
            if (statsInterval != null && (statsInterval.isNegative() || statsInterval.isZero())) {
                throw new IllegalArgumentException("--output-http-stats-ms must be above 0, got " + statsInterval);
            }
        }
    }

    public HttpReplayConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(rewriting, "rewriting");
        Objects.requireNonNull(tracking, "tracking");
    }

    /** The defaults for a target URL: 1 to demand workers, queue 1000, 5 s timeout, 2 s worker idle, 1 MiB kept. */
    public static HttpReplayConfig defaults(URI target) {
        return new HttpReplayConfig(new Target(target, false),
                new Pool(DEFAULT_WORKERS_MIN, DEFAULT_WORKERS_MAX, DEFAULT_QUEUE_LEN),
                new Timeouts(DEFAULT_TIMEOUT, DEFAULT_WORKER_TIMEOUT), new Rewriting(false, 0),
                new Tracking(false, DEFAULT_RESPONSE_BUFFER, null));
    }

    public HttpReplayConfig withWorkers(int newMin, int newMax) {
        return new HttpReplayConfig(target, new Pool(newMin, newMax, pool.queueLen(), pool.sessions()), timeouts,
                rewriting, tracking);
    }

    public HttpReplayConfig withQueueLen(int newQueueLen) {
        return new HttpReplayConfig(target, new Pool(pool.workersMin(), pool.workersMax(), newQueueLen, pool.sessions()),
                timeouts, rewriting, tracking);
    }

    public HttpReplayConfig withSessions(boolean sessions) {
        return new HttpReplayConfig(target, new Pool(pool.workersMin(), pool.workersMax(), pool.queueLen(), sessions),
                timeouts, rewriting, tracking);
    }

    public HttpReplayConfig withTimeouts(Duration newTimeout, Duration newWorkerTimeout) {
        return new HttpReplayConfig(target, pool, new Timeouts(newTimeout, newWorkerTimeout), rewriting, tracking);
    }

    public HttpReplayConfig withSkipVerify(boolean skipVerify) {
        return new HttpReplayConfig(new Target(target.url(), skipVerify), pool, timeouts, rewriting, tracking);
    }

    public HttpReplayConfig withOriginalHost(boolean originalHost) {
        return new HttpReplayConfig(target, pool, timeouts, new Rewriting(originalHost, rewriting.redirects()), tracking);
    }

    public HttpReplayConfig withRedirects(int newRedirects) {
        return new HttpReplayConfig(target, pool, timeouts, new Rewriting(rewriting.originalHost(), newRedirects), tracking);
    }

    public HttpReplayConfig withTrackResponse(boolean trackResponse) {
        return new HttpReplayConfig(target, pool, timeouts, rewriting,
                new Tracking(trackResponse, tracking.responseBuffer(), tracking.statsInterval()));
    }

    public HttpReplayConfig withResponseBuffer(int newResponseBuffer) {
        return new HttpReplayConfig(target, pool, timeouts, rewriting,
                new Tracking(tracking.trackResponse(), newResponseBuffer, tracking.statsInterval()));
    }

    public HttpReplayConfig withStatsInterval(Duration newStatsInterval) {
        return new HttpReplayConfig(target, pool, timeouts, rewriting,
                new Tracking(tracking.trackResponse(), tracking.responseBuffer(), newStatsInterval));
    }
}
