package dev.shadowtap.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * junit.xml: one {@code testsuite} "shadowtap-compare" with one {@code testcase} per endpoint; a
 * {@code failure} when the endpoint's rate of pairs with real differences is above the fail-above rate
 * (above 0 when none was given), its text listing the real differing fields; with a fail-above rate and
 * nothing compared, one {@code error} testcase "comparison". CI servers read it as test results.
 */
public final class JunitReport {
    public static final String FILE = "junit.xml";

    private JunitReport() {
    }

    public static String render(CompareSummary summary) {
        long failures = summary.endpoints().stream().filter(CompareSummary.EndpointSummary::failed).count();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        boolean error = summary.failAbove().isPresent() && summary.nothingCompared();
        x.append("<testsuite name=\"shadowtap-compare\" tests=\"").append(summary.endpoints().size() + (error ? 1 : 0))
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(error ? 1 : 0)
                .append("\" skipped=\"0\">\n");
        if (error) {
            x.append("  <testcase classname=\"compare\" name=\"comparison\">\n    <error message=\"")
                    .append(Markup.escape("nothing was compared: " + summary.nothingComparedReason()))
                    .append("\"/>\n  </testcase>\n");
        }
        String limit = summary.failAbove().isPresent() ? Markup.percent(summary.failAbove().getAsDouble()) : "0%";
        for (CompareSummary.EndpointSummary e : summary.endpoints()) {
            x.append("  <testcase classname=\"compare\" name=\"").append(Markup.escape(e.endpoint())).append('"');
            if (!e.failed()) {
                x.append("/>\n");
                continue;
            }
            String message = e.differing() + " of " + e.compared() + " responses differ ("
                    + Markup.percent(e.differenceRate()) + ")" + (e.unanswered() == 0 ? ""
                    : ", " + e.unanswered() + " unanswered (gate rate " + Markup.percent(e.gateRate()) + ")")
                    + ", above " + limit;
            x.append(">\n    <failure message=\"").append(Markup.escape(message)).append("\">");
            for (CompareSummary.FieldSummary f : e.fields()) {
                if (!f.isNoise()) {
                    x.append(Markup.escape(f.field() + ": " + (f.differences() - f.noise()) + " real difference(s)"));
                    if (!f.examples().isEmpty()) {
                        CompareSummary.Example ex = f.examples().getFirst();
                        x.append(Markup.escape(", e.g. " + ex.request() + " " + ex.path() + ": " + ex.reference()
                                + " -> " + ex.candidate()));
                    }
                    x.append('\n');
                }
            }
            x.append("</failure>\n  </testcase>\n");
        }
        return x.append("</testsuite>\n").toString();
    }

    public static void write(CompareSummary summary, Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), render(summary), StandardCharsets.UTF_8);
    }
}
