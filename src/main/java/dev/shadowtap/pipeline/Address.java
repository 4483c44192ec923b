package dev.shadowtap.pipeline;

/**
 * An input or output address as written on the command line, split from its limit suffix:
 * {@code requests.gor|200%} is address {@code requests.gor} with {@code Percent(200)}.
 */
public record Address(String value, Limit limit) {
}
