package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Limit;

/** {@code --input-kafka-offset}: -1 newest, -2 oldest or an offset, with an optional {@code |N%} speed factor. */
public record KafkaOffset(long offset, Limit limit) {
}
