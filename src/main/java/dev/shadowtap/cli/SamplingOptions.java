package dev.shadowtap.cli;

import java.util.List;

/** {@code --http-header-limiter} and {@code --http-param-limiter}, in command-line order. */
public record SamplingOptions(List<HashLimiter> headerLimiters, List<HashLimiter> paramLimiters) {
    public SamplingOptions {
        headerLimiters = List.copyOf(headerLimiters);
        paramLimiters = List.copyOf(paramLimiters);
    }
}
