package dev.shadowtap.cli;

import java.util.regex.Pattern;

/** {@code --http-rewrite-header 'Name: regex,replacement'}: replace matches in that header's value. */
public record HeaderRewrite(String name, Pattern pattern, String replacement) {
}
