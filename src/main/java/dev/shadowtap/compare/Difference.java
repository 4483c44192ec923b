package dev.shadowtap.compare;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One difference between a reference and a candidate response.
 *
 * @param path      where: {@code status}, {@code header:etag} (name in lower case), a JSON path such as
 *                  {@code $.items[3].price}, {@code body:line:12} for a text body, {@code body:sha256}
 * @param kind      what kind of difference
 * @param reference the reference's value as text (JSON text for JSON values), truncated; empty when absent
 * @param candidate the candidate's value, likewise
 */
public record Difference(String path, DiffKind kind, String reference, String candidate) {
    /** Longest value kept, in characters; longer ones are cut and end with "...". */
    public static final int MAX_VALUE_CHARS = 200;
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern LINE = Pattern.compile("body:line:\\d+");

    public Difference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        reference = truncate(reference == null ? "" : reference);
        candidate = truncate(candidate == null ? "" : candidate);
    }

    /**
     * The field this difference is counted under: the path with array indices as {@code [*]}
     * ({@code $.items[*].price}) and every line of a text body as {@code body:text}.
     */
    public String field() {
        return fieldOf(path);
    }

    /** {@link #field()} of a path. */
    public static String fieldOf(String path) {
        if (LINE.matcher(path).matches()) {
            return "body:text";
        }
        return path.indexOf('[') < 0 ? path : INDEX.matcher(path).replaceAll("[*]");
    }

    /** Whether a value was cut at {@link #MAX_VALUE_CHARS}: what follows the cut is unknown. */
    static boolean isCut(String value) {
        return value.length() > MAX_VALUE_CHARS;
    }

    static String truncate(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
