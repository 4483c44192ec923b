package dev.shadowtap.http;

/**
 * Bounds of one framer.
 *
 * @param maxHeadBytes largest message head (start line, headers, final empty line) accepted; also
 *                     bounds a chunk-size line and the trailer section. Beyond it: an error.
 * @param maxBodyBytes how many bytes after the head are kept in {@link FramedMessage#raw()}
 *                     (GoReplay's {@code --copy-buffer-size}); longer bodies are still framed to the
 *                     end but reported {@link FramedMessage#truncated()}.
 */
public record FramingLimits(int maxHeadBytes, int maxBodyBytes) {
    public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
    public static final FramingLimits DEFAULT = new FramingLimits(DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_BODY_BYTES);

    public FramingLimits {
        if (maxHeadBytes < 16) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 16, was " + maxHeadBytes);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, was " + maxBodyBytes);
        }
    }
}
