package dev.shadowtap.io.binary;

/**
 * What the target sent back for one request.
 *
 * @param payload       the bytes kept (at most the reply buffer)
 * @param length        every byte read, kept or not
 * @param latencyNs     from the request's last byte written to the reply's first byte read
 * @param truncated     bytes were dropped: past the reply buffer, or still coming at the timeout
 * @param targetClosed  the target closed the connection after replying
 */
record BinaryReply(byte[] payload, long length, long latencyNs, boolean truncated, boolean targetClosed) {
}
