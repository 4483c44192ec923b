package dev.shadowtap.compare;

import org.HdrHistogram.AbstractHistogram;

import java.util.Locale;

/**
 * The report's latency chart of one endpoint, inline SVG without script: for the reference and the
 * candidate, the share of responses at or below each latency (a cumulative distribution) on a log-ms
 * axis, with p50 and p99 marked as points (their value in a tooltip), axis labels and a legend.
 * Styled by the page's classes ({@code .ref}, {@code .cand}).
 */
final class ReportSvg {
    static final int WIDTH = 640;
    static final int HEIGHT = 250;
    private static final int LEFT = 64;
    private static final int RIGHT = 32;
    private static final int TOP = 40;
    private static final int BOTTOM = 44;
    /** Points of each curve, evenly spaced on the log axis. */
    static final int SAMPLES = 160;

    private ReportSvg() {
    }

    /** The chart, or a line saying no latency was recorded when neither side has one. */
    static String latency(AbstractHistogram reference, AbstractHistogram candidate) {
        if (reference.getTotalCount() == 0 && candidate.getTotalCount() == 0) {
            return "<p class=\"noise\">No latency was recorded for this endpoint.</p>\n";
        }
        long min = Long.MAX_VALUE;
        long max = 1;
        for (AbstractHistogram h : new AbstractHistogram[]{reference, candidate}) {
            if (h.getTotalCount() > 0) {
                min = Math.min(min, Math.max(1, h.getMinNonZeroValue()));
                max = Math.max(max, h.highestEquivalentValue(h.getMaxValue()));
            }
        }
        int lo = (int) Math.floor(Math.log10(min / 1000.0) + 1e-9);
        int hi = (int) Math.ceil(Math.log10(max / 1000.0) - 1e-9);
        if (hi <= lo) {
            hi = lo + 1;
        }
        Axis axis = new Axis(lo, hi);
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"latency distribution of reference and candidate\">")
                .append("<title>Share of responses at or below each latency (log scale)</title>\n");
        grid(svg, axis);
        series(svg, axis, reference, "ref");
        series(svg, axis, candidate, "cand");
        legend(svg, reference, candidate);
        return svg.append("</svg>\n").toString();
    }

    /** Decades lo to hi of milliseconds across the plot. */
    private record Axis(int lo, int hi) {
        double x(double ms) {
            double e = Math.log10(Math.max(ms, Math.pow(10, lo)));
            return LEFT + (e - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
        }

        static double y(double share) {
            return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static void grid(StringBuilder svg, Axis axis) {
        double bottom = Axis.y(0);
        double top = Axis.y(1);
        for (int d = axis.lo(); d <= axis.hi(); d++) {
            double x = axis.x(Math.pow(10, d));
            svg.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" y1=\"").append(f(top)).append("\" x2=\"")
                    .append(f(x)).append("\" y2=\"").append(f(bottom)).append("\"/>")
                    .append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(f(x)).append("\" y=\"")
                    .append(f(bottom + 15)).append("\">").append(decade(d)).append("</text>\n");
            for (int m = 2; d < axis.hi() && m <= 9; m++) {
                double mx = axis.x(m * Math.pow(10, d));
                svg.append("<line class=\"grid minor\" x1=\"").append(f(mx)).append("\" y1=\"").append(f(top))
                        .append("\" x2=\"").append(f(mx)).append("\" y2=\"").append(f(bottom)).append("\"/>");
            }
        }
        for (int p = 0; p <= 100; p += 25) {
            double y = Axis.y(p / 100.0);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(f(y)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(f(y)).append("\"/>")
                    .append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(f(y + 4)).append("\">").append(p).append("%</text>\n");
        }
        svg.append("<text class=\"axis\" text-anchor=\"middle\" x=\"").append((LEFT + WIDTH - RIGHT) / 2)
                .append("\" y=\"").append(HEIGHT - 6).append("\">latency (ms, log scale)</text>")
                .append("<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(14 ")
                .append(f((top + bottom) / 2)).append(") rotate(-90)\">responses at or below</text>\n");
    }

    /** The cumulative curve of one side, and its p50 and p99 as points. */
    private static void series(StringBuilder svg, Axis axis, AbstractHistogram h, String cls) {
        if (h.getTotalCount() == 0) {
            return;
        }
        svg.append("<path class=\"").append(cls).append("\" d=\"");
        for (int i = 0; i <= SAMPLES; i++) {
            double e = axis.lo() + (axis.hi() - axis.lo()) * (double) i / SAMPLES;
            double ms = Math.pow(10, e);
            double share = h.getPercentileAtOrBelowValue((long) Math.floor(ms * 1000)) / 100.0;
            svg.append(i == 0 ? 'M' : 'L').append(f(axis.x(ms))).append(' ').append(f(Axis.y(share)));
        }
        svg.append("\"/>\n");
        for (double p : new double[]{50, 99}) {
            double ms = h.getValueAtPercentile(p) / 1000.0;
            svg.append("<circle class=\"").append(cls).append("\" r=\"3.5\" cx=\"").append(f(axis.x(ms)))
                    .append("\" cy=\"").append(f(Axis.y(p / 100))).append("\"><title>")
                    .append(cls.equals("ref") ? "reference" : "candidate").append(" p").append((int) p).append(' ')
                    .append(ms(ms)).append("</title></circle>");
        }
        svg.append('\n');
    }

    private static void legend(StringBuilder svg, AbstractHistogram reference, AbstractHistogram candidate) {
        legendEntry(svg, 12, "ref", "reference (wire, at capture)", reference);
        legendEntry(svg, 28, "cand", "candidate (replay client)", candidate);
    }

    private static void legendEntry(StringBuilder svg, int y, String cls, String name, AbstractHistogram h) {
        svg.append("<line class=\"").append(cls).append("\" x1=\"").append(LEFT).append("\" y1=\"").append(y - 4)
                .append("\" x2=\"").append(LEFT + 22).append("\" y2=\"").append(y - 4).append("\"/>")
                .append("<text class=\"legend\" x=\"").append(LEFT + 28).append("\" y=\"").append(y).append("\">")
                .append(name).append(": ");
        if (h.getTotalCount() == 0) {
            svg.append("no latency recorded");
        } else {
            svg.append(Markup.count(h.getTotalCount())).append(" responses, p50 ")
                    .append(ms(h.getValueAtPercentile(50) / 1000.0)).append(", p99 ")
                    .append(ms(h.getValueAtPercentile(99) / 1000.0));
        }
        svg.append("</text>\n");
    }

    /** 0.01 ms, 1 ms, 100 ms, 1 s, 10 s. */
    static String decade(int d) {
        if (d >= 3) {
            return (long) Math.pow(10, d - 3) + " s";
        }
        return d >= 0 ? (long) Math.pow(10, d) + " ms" : String.format(Locale.ROOT, "%." + (-d) + "f ms", Math.pow(10, d));
    }

    static String ms(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
