package dev.shadowtap.gor;

import java.nio.charset.StandardCharsets;

/** Constants of GoReplay's record format: {@code header\npayload\n🐵🙈🙉\n}. */
public final class GorFormat {
    /** The 14-byte record separator: a newline, U+1F435 U+1F648 U+1F649 in UTF-8, a newline. */
    public static final byte[] SEPARATOR = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n".getBytes(StandardCharsets.UTF_8);

    private GorFormat() {
    }

    /** True when a name ends in .gz, so that it is read and written through gzip. */
    public static boolean isGzipName(String name) {
        return name.endsWith(".gz");
    }
}
