package dev.shadowtap.io.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * A Kafka input's consumer group ({@code --input-kafka-group}): its name; how often what every output
 * took is committed; the most messages handed on and not yet committed (so the most that repeat
 * after a crash); and how long the broker waits for a silent member before its partitions move.
 */
public record KafkaGroup(String name, Duration commitInterval, int maxUncommitted, Duration sessionTimeout) {
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_UNCOMMITTED = 10_000;
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    public KafkaGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a consumer group needs a name");
        }
        if (maxUncommitted < 1) {
            throw new IllegalArgumentException("maxUncommitted must be at least 1, got " + maxUncommitted);
        }
    }

    /** A group with the default interval, bound and session timeout. */
    public static KafkaGroup named(String name) {
        return new KafkaGroup(name, DEFAULT_COMMIT_INTERVAL, DEFAULT_MAX_UNCOMMITTED, DEFAULT_SESSION_TIMEOUT);
    }
}
