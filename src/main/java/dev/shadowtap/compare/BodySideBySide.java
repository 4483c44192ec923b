package dev.shadowtap.compare;

import dev.shadowtap.http.HttpHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.shadowtap.compare.Markup.escape;

/**
 * The report's view of one {@link ExamplePair}: the two responses side by side, status and headers
 * then the body ({@link PrettyBody}), each line that shows a differing path highlighted: {@code <mark
 * class="real">} for a real difference, {@code <mark class="noisy">} for noise (as compared, or learned
 * by the end of the run). Every value is escaped.
 */
final class BodySideBySide {
    private BodySideBySide() {
    }

    static String render(ExamplePair pair, String endpoint, LearnedNoise learned) {
        List<String> real = new ArrayList<>();
        List<String> noise = new ArrayList<>(pair.noisePaths());
        for (String path : pair.realPaths()) {
            (learned.learned(endpoint, Difference.fieldOf(path)) == null ? real : noise).add(path);
        }
        StringBuilder h = new StringBuilder(16384);
        h.append("<div class=\"pair\"><h3>Example pair, whole</h3>\n<p><code>").append(escape(pair.request()))
                .append("</code> <small>id ").append(escape(pair.id())).append("</small><br>Differing paths: ");
        paths(h, real, "real", "");
        if (!real.isEmpty() && !noise.isEmpty()) {
            h.append(", ");
        }
        paths(h, noise, "noisy", " (noise)");
        h.append("</p>\n<div class=\"sbs\">\n");
        side(h, "reference (original)", pair.reference(), pair.candidate(), real, noise);
        side(h, "candidate (replayed)", pair.candidate(), pair.reference(), real, noise);
        return h.append("</div></div>\n").toString();
    }

    private static void paths(StringBuilder h, List<String> paths, String cls, String suffix) {
        for (int i = 0; i < paths.size(); i++) {
            h.append(i > 0 ? ", " : "").append("<code class=\"").append(cls).append("\">").append(escape(paths.get(i)))
                    .append("</code>").append(suffix);
        }
    }

    private static void side(StringBuilder h, String title, ExamplePair.Side side, ExamplePair.Side other,
                             List<String> real, List<String> noise) {
        h.append("<div class=\"side\"><h4>").append(title);
        if (side.status() > 0) {
            h.append(": ").append(side.status());
        }
        h.append("</h4>\n");
        if (side.status() > 0) {
            h.append("<pre class=\"head\">");
            line(h, "status " + side.status(), "status", real, noise);
            for (HttpHeader header : side.headers()) {
                line(h, header.name() + ": " + header.value(), "header:" + header.name().toLowerCase(Locale.ROOT),
                        real, noise);
            }
            h.append("</pre>\n");
        }
        String type = side.headers().stream().filter(x -> x.named("Content-Type")).map(HttpHeader::value)
                .findFirst().orElse("");
        PrettyBody.Shown body = PrettyBody.of(side, type, other.bytes());
        if (!body.note().isEmpty()) {
            h.append("<p class=\"note\">").append(escape(body.note())).append("</p>\n");
        }
        if (!body.lines().isEmpty()) {
            h.append("<pre class=\"body\">");
            for (PrettyBody.Line l : body.lines()) {
                line(h, l.text(), l.path(), real, noise);
            }
            h.append("</pre>\n");
        }
        h.append("</div>\n");
    }

    private static void line(StringBuilder h, String text, String path, List<String> real, List<String> noise) {
        String cls = shows(path, real) ? "real" : shows(path, noise) ? "noisy" : null;
        if (cls == null) {
            h.append(escape(text)).append('\n');
        } else {
            h.append("<mark class=\"").append(cls).append("\" title=\"").append(escape(path)).append("\">")
                    .append(escape(text)).append("</mark>\n");
        }
    }

    /** Whether a line of this path shows one of the differing paths: the path itself or inside it. */
    static boolean shows(String line, List<String> paths) {
        for (String p : paths) {
            String path = p.equals("bytes") || p.equals("body:sha256") ? PrettyBody.BYTES : p;
            if (line.equals(path) || (line.startsWith(path) && path.startsWith("$")
                    && (line.charAt(path.length()) == '.' || line.charAt(path.length()) == '['))) {
                return true;
            }
        }
        return false;
    }
}
