package dev.shadowtap.cli;

import java.time.Duration;

/**
 * {@code --input-kafka-group} and its settings: {@code -commit-interval}, {@code -max-uncommitted},
 * {@code -session-timeout}.
 */
public record KafkaGroupOptions(String name, Duration commitInterval, int maxUncommitted, Duration sessionTimeout) {
}
