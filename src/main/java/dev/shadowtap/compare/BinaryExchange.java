package dev.shadowtap.compare;

import java.util.List;

/**
 * The comparison of an exchange that is not HTTP ({@code --input-raw-protocol binary} recordings
 * replayed by {@code --output-binary}): the replayed reply's bytes against the recorded ones. Such
 * exchanges are tallied under one endpoint, {@value #ENDPOINT}, with status 0 (they have none); a
 * differing pair gives one difference at path {@value #PATH}, its two values the bytes around the
 * first that differs, shown as text with other bytes as {@code \xNN}.
 */
final class BinaryExchange {
    static final String ENDPOINT = "(binary)";
    static final String PATH = "bytes";
    /** Bytes shown before the first differing one, and in all. */
    private static final int BEFORE = 16;
    private static final int SHOWN = 64;

    private BinaryExchange() {
    }

    /** The request as the diff log and the reports name it: its first bytes, escaped. */
    static String requestLine(byte[] request) {
        return escaped(request, 0, Math.min(request.length, SHOWN)) + (request.length > SHOWN ? "..." : "");
    }

    /** No difference when the bytes are the same; else one, where they first differ. */
    static List<Difference> diff(byte[] reference, byte[] candidate) {
        int common = Math.min(reference.length, candidate.length);
        int at = java.util.Arrays.mismatch(reference, candidate);
        if (at < 0) {
            return List.of();
        }
        int from = Math.max(0, Math.min(at, common) - BEFORE);
        return List.of(new Difference(PATH, DiffKind.BYTES, excerpt(reference, at, from), excerpt(candidate, at, from)));
    }

    /** {@code at byte 5 of 12: ...OK\r\n} */
    private static String excerpt(byte[] bytes, int at, int from) {
        int to = Math.min(bytes.length, from + SHOWN);
        return "at byte " + at + " of " + bytes.length + ": " + (from > 0 ? "..." : "") + escaped(bytes, from, to)
                + (to < bytes.length ? "..." : "");
    }

    private static String escaped(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case '\\' -> text.append("\\\\");
                default -> text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
        }
        return text.toString();
    }
}
