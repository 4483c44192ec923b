package dev.shadowtap.cli;

/** {@code --http-header-limiter} / {@code --http-param-limiter 'name: 25%'}: keep a request when FNV-32a(value) % 100 < percent. */
public record HashLimiter(String name, int percent) {
}
