package dev.shadowtap.cli;

import java.util.regex.Pattern;

/** {@code --http-rewrite-url 'regex:replacement'}: replace matches in the URL ({@code $1} for groups). */
public record UrlRewrite(Pattern pattern, String replacement) {
}
