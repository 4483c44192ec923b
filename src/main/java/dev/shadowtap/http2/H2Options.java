package dev.shadowtap.http2;

/**
 * How captured HTTP/2 becomes records: whether responses are emitted, and the limits of one message
 * (its decoded header fields, its body: the first bytes are kept, the rest counted as truncated).
 */
public record H2Options(boolean trackResponse, int maxHeadBytes, int maxBodyBytes) {
}
