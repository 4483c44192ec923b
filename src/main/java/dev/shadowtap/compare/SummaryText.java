package dev.shadowtap.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The short summary printed at exit: totals, then each endpoint with real differences and its top fields. */
public final class SummaryText {
    /** Endpoints listed at most; fields listed per endpoint at most. */
    static final int MAX_ENDPOINTS = 10;
    static final int MAX_FIELDS = 3;

    private SummaryText() {
    }

    public static List<String> lines(CompareSummary s) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("compare: ").append(s.endpoints().size()).append(" endpoint(s), ")
                .append(s.compared()).append(" compared, ").append(s.differing()).append(" differing");
        if (!s.unpaired().isEmpty()) {
            head.append(", not compared: ").append(s.unpaired().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        if (s.failAbove().isPresent()) {
            head.append(s.failed() ? "; FAILED: above " : "; passed: none above ")
                    .append(Markup.percent(s.failAbove().getAsDouble()));
        }
        lines.add(head.toString());
        if (s.compared() == 0 && s.unpaired().getOrDefault("no-reference", 0L) > 0) {
            lines.add("compare: no original response came with the requests: capture with --input-raw-track-response"
                    + " (or replay a .gor file recorded with it)");
        }
        s.endpoints().stream().filter(e -> e.differing() > 0).limit(MAX_ENDPOINTS).forEach(e -> {
            String fields = e.fields().stream().filter(f -> !f.isNoise()).limit(MAX_FIELDS)
                    .map(f -> f.field() + " (" + (f.differences() - f.noise()) + ")").collect(Collectors.joining(", "));
            lines.add("compare: " + e.endpoint() + ": " + e.differing() + " of " + e.compared() + " differ ("
                    + Markup.percent(e.differenceRate()) + "): " + fields);
        });
        return lines;
    }
}
