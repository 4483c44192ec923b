package dev.shadowtap.http;

/**
 * What a framer hands its sink: a complete message, or an error saying what was malformed and where.
 * Malformed traffic is data on a passive tap: the caller counts errors, the framer never throws them.
 */
public sealed interface FramingResult permits FramedMessage, FramingError {
    /** Offset in the stream (bytes fed since the framer was made) of the message's first byte. */
    long streamOffset();
}
