package dev.shadowtap.cli;

import java.util.regex.Pattern;

/** {@code --http-allow-header} / {@code --http-disallow-header 'Name: regex'}: a header whose value the regex is matched against. */
public record HeaderFilter(String name, Pattern pattern) {
}
