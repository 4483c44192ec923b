package dev.shadowtap.cli;

import dev.shadowtap.compare.IgnoreRule;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Value parsers of the {@code --compare*} flags. */
final class CompareSpecs {
    private CompareSpecs() {
    }

    /** {@code 0.05} or {@code 5%}: a fraction from 0 to 1. */
    static double rate(String text) throws BadValueException {
        String s = text.strip();
        boolean percent = s.endsWith("%");
        String number = percent ? s.substring(0, s.length() - 1).strip() : s;
        if (!number.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
            throw new BadValueException("a rate like 0.05 or 5%");
        }
        double value = Double.parseDouble(number) / (percent ? 100.0 : 1.0);
        if (value > 1.0) {
            throw new BadValueException("a rate from 0 to 1, or 0% to 100%");
        }
        return value;
    }

    static IgnoreRule ignoreRule(String text) throws BadValueException {
        try {
            return IgnoreRule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(e.getMessage());
        }
    }

    static Path directory(String text) throws BadValueException {
        if (text.isBlank()) {
            throw new BadValueException("a directory");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new BadValueException("a directory");
        }
    }

    /** An {@code http://} or {@code https://} URL with a host; a bare {@code host:port} gets {@code http://}. */
    static URI url(String text) throws BadValueException {
        String s = text.strip();
        try {
            URI uri = new URI(s.contains("://") ? s : "http://" + s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new BadValueException("an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadValueException("an http:// or https:// URL");
        }
    }
}
