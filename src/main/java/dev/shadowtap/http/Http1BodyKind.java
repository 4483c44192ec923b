package dev.shadowtap.http;

/** How the end of a message body was found (RFC 9112 section 6.3). */
public enum Http1BodyKind {
    /** No body: a request without length headers, a response to HEAD, 1xx, 204, 304, or a 2xx to CONNECT. */
    NONE,
    /** {@code Content-Length} bytes. */
    CONTENT_LENGTH,
    /** {@code Transfer-Encoding: chunked}: chunks, the last-chunk, trailers. */
    CHUNKED,
    /** A response without length: the body ends where the stream ends. */
    CLOSE_DELIMITED
}
