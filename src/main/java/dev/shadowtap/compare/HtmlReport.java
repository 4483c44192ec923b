package dev.shadowtap.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.shadowtap.compare.Markup.escape;
import static dev.shadowtap.compare.Markup.percent;

/**
 * report.html: one self-contained page (nothing fetched; a Content-Security-Policy lets only its own
 * style and filter script run, {@link ReportPage}): the totals, a filter by endpoint, a table of
 * endpoints (pairs, real differences, rate, status codes and latency of both sides), then a section per
 * endpoint: its latency chart ({@link ReportSvg}), its fields (count, noise share and reasons), one
 * differing pair whole, side by side ({@link BodySideBySide}), and each field's examples. Every value
 * is escaped.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    /** Under the latency columns: the two sides are not measured alike, so the gap is no regression by itself. */
    static final String LATENCY_CAVEAT = "Latency: reference = the original exchange measured on the wire at capture;"
            + " candidate = measured by shadowtap's HTTP client under the replay's concurrency (queueing, connection"
            + " setup, replay speed included). They are not measured the same way: a gap between them is not a"
            + " regression by itself.";

    private HtmlReport() {
    }

    /** The page of a summary alone: no charts nor whole pairs (those come from a {@link ReportState}). */
    public static String render(CompareSummary s) {
        return render(s, null);
    }

    /**
     * @param state what the summary was made from, for each endpoint's latency histograms and example
     *              pair; null for none
     */
    public static String render(CompareSummary s, ReportState state) {
        Map<String, EndpointState> states = new HashMap<>();
        if (state != null) {
            state.endpoints().forEach(e -> states.put(e.endpoint(), e));
        }
        LearnedNoise learned = state == null ? LearnedNoise.of(Map.of()) : state.learned();
        StringBuilder h = new StringBuilder(ReportPage.head("shadowtap comparison"));
        h.append("<h1>shadowtap: replayed vs original responses</h1>\n<p>")
                .append(s.compared()).append(" pairs compared, <span class=\"").append(s.differing() > 0 ? "bad" : "ok")
                .append("\">").append(s.differing()).append(" with real differences</span>");
        if (s.failAbove().isPresent()) {
            h.append("; fail above ").append(percent(s.failAbove().getAsDouble())).append(": ")
                    .append(s.failed() ? "<span class=\"bad\">FAILED</span>" : "<span class=\"ok\">passed</span>");
        }
        h.append(".</p>\n");
        if (s.nothingCompared()) {
            h.append("<p class=\"bad\">Nothing was compared: ").append(escape(s.nothingComparedReason())).append(".</p>\n");
        }
        h.append("<p>").append(Markup.count(s.compared())).append(" of ").append(Markup.count(s.seen()))
                .append(" requests seen were compared.");
        if (!s.unpaired().isEmpty()) {
            h.append(" Not compared: ").append(escape(Markup.reasons(s.unpaired()))).append('.');
        }
        h.append("</p>\n");
        h.append("<h2>Endpoints</h2>\n").append(ReportPage.filter())
                .append("<table id=\"endpoints\"><tr><th>endpoint</th><th>compared</th><th>differing</th><th>rate</th>")
                .append("<th>unanswered</th><th>gate rate</th>")
                .append("<th>status reference</th><th>status candidate</th><th>latency p50/p99 reference (wire, at capture)</th>")
                .append("<th>latency p50/p99 candidate (replay client)</th></tr>\n");
        int n = 0;
        for (CompareSummary.EndpointSummary e : s.endpoints()) {
            h.append("<tr data-endpoint=\"").append(escape(e.endpoint())).append("\"><td><a href=\"#e").append(n)
                    .append("\">").append(escape(e.endpoint())).append("</a></td><td>").append(e.compared())
                    .append("</td><td class=\"").append(e.failed() ? "bad" : "ok").append("\">").append(e.differing())
                    .append("</td><td>").append(percent(e.differenceRate())).append("</td><td>").append(e.unanswered())
                    .append("</td><td>").append(percent(e.gateRate())).append(statusCells(e)).append("<td>")
                    .append(latency(e.latencyReference())).append("</td><td>").append(latency(e.latencyCandidate()))
                    .append("</td></tr>\n");
            n++;
        }
        h.append("</table>\n<p><small>").append(escape(LATENCY_CAVEAT)).append("</small></p>\n");
        n = 0;
        for (CompareSummary.EndpointSummary e : s.endpoints()) {
            endpoint(h, e, n++, states.get(e.endpoint()), learned);
        }
        return h.append(ReportPage.script()).append("</body></html>\n").toString();
    }

    private static void endpoint(StringBuilder h, CompareSummary.EndpointSummary e, int n, EndpointState state,
                                 LearnedNoise learned) {
        h.append("<section class=\"endpoint\" id=\"e").append(n).append("\" data-endpoint=\"").append(escape(e.endpoint()))
                .append("\">\n<h2>").append(escape(e.endpoint())).append("</h2>\n");
        if (state != null) {
            h.append("<figure>").append(ReportSvg.latency(state.latencyReference(), state.latencyCandidate()))
                    .append("<figcaption>").append(escape(LATENCY_CAVEAT)).append("</figcaption></figure>\n");
        }
        if (!e.fields().isEmpty()) {
            fields(h, e);
        }
        if (state != null && state.pair() != null) {
            h.append(BodySideBySide.render(state.pair(), e.endpoint(), learned));
        }
        examples(h, e);
        h.append("</section>\n");
    }

    private static void fields(StringBuilder h, CompareSummary.EndpointSummary e) {
        h.append("<table><tr><th>field</th><th>kinds</th><th>differences</th><th>noise share</th>")
                .append("<th>noise reasons</th><th>classified</th></tr>\n");
        for (CompareSummary.FieldSummary f : e.fields()) {
            h.append("<tr class=\"").append(f.isNoise() ? "noise" : "bad").append("\"><td><code>").append(escape(f.field()))
                    .append("</code></td><td>").append(escape(String.join(", ", f.kinds().stream().sorted().toList())))
                    .append("</td><td>").append(f.differences()).append("</td><td>").append(percent(f.noiseShare()))
                    .append("</td><td>").append(escape(f.noiseReasons().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(r -> r.getKey() + " " + r.getValue()).collect(Collectors.joining(", "))))
                    .append("</td><td>").append(f.isNoise() ? "noise" : "difference").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void examples(StringBuilder h, CompareSummary.EndpointSummary e) {
        for (CompareSummary.FieldSummary f : e.fields()) {
            if (f.isNoise() || f.examples().isEmpty()) {
                continue;
            }
            h.append("<h3>Examples of <code>").append(escape(f.field())).append("</code></h3>\n<table><tr><th>request</th><th>path</th>")
                    .append("<th>reference (original)</th><th>candidate (replayed)</th></tr>\n");
            for (CompareSummary.Example x : f.examples()) {
                h.append("<tr><td><code>").append(escape(x.request())).append("</code><br><small>id ").append(escape(x.id()))
                        .append("</small></td><td><code>").append(escape(x.path())).append("</code><br><small>")
                        .append(escape(x.kind())).append("</small></td><td><pre>").append(escape(x.reference()))
                        .append("</pre></td><td><pre>").append(escape(x.candidate())).append("</pre></td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    /** The two status cells; highlighted when the candidate's status codes are not the reference's. */
    private static String statusCells(CompareSummary.EndpointSummary e) {
        boolean changed = !e.statusReference().equals(e.statusCandidate());
        String open = changed ? "</td><td class=\"bad\">" : "</td><td>";
        return open + statuses(e.statusReference()) + open + (changed ? "&#9888; " : "")
                + statuses(e.statusCandidate()) + "</td>";
    }

    private static String statuses(Map<Integer, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String latency(CompareSummary.Latency l) {
        return l.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f ms", l.p50Ms(), l.p99Ms());
    }

    public static void write(CompareSummary summary, ReportState state, Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), render(summary, state), StandardCharsets.UTF_8);
    }
}
