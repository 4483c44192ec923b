package dev.shadowtap.pipeline;

import java.util.Locale;

/** Byte counts for people, in GoReplay's units (1 MB = 1024 KB): {@code 18.2 MB}. */
public final class ByteSize {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ByteSize() {
    }

    /** {@code bytes} with one decimal in the largest unit it reaches; below 1 KB, {@code N <smallUnit>}. */
    public static String human(long bytes, String smallUnit) {
        if (bytes < 1024) {
            return bytes + " " + smallUnit;
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
