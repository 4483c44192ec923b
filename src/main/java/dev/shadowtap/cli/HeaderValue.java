package dev.shadowtap.cli;

/** {@code --http-set-header 'Name: value'}: set this request header. */
public record HeaderValue(String name, String value) {
}
