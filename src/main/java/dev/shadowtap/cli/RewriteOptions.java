package dev.shadowtap.cli;

/**
 * {@code --prettify-http}: print HTTP bodies de-chunked and gunzipped. (The request rewrites themselves
 * are in {@link RunOptions#http()}.)
 */
public record RewriteOptions(boolean prettify) {
}
