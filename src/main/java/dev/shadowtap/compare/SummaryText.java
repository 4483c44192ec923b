package dev.shadowtap.compare;

import dev.shadowtap.core.Reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static dev.shadowtap.compare.Markup.count;

/**
 * The short summary printed at exit: what was compared out of what was seen and every reason the
 * rest was not, then each endpoint with real differences (or unanswered requests) and its top fields,
 * a status change first.
 */
public final class SummaryText {
    /** Endpoints listed at most; fields listed per endpoint at most. */
    static final int MAX_ENDPOINTS = 10;
    static final int MAX_FIELDS = 3;

    private SummaryText() {
    }

    public static List<String> lines(CompareSummary s) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("compare: compared ").append(count(s.compared())).append(" of ")
                .append(count(s.seen())).append(" requests seen, ").append(count(s.differing())).append(" differing, ")
                .append(s.endpoints().size()).append(" endpoint(s)");
        if (!s.unpaired().isEmpty()) {
            head.append("; not compared: ").append(Markup.reasons(s.unpaired()));
        }
        if (s.failAbove().isPresent()) {
            head.append(s.failed() ? "; FAILED: above " : "; passed: none above ")
                    .append(Markup.percent(s.failAbove().getAsDouble()));
        }
        lines.add(head.toString());
        if (s.nothingCompared()) {
            lines.add("compare: nothing was compared: " + s.nothingComparedReason());
            if (s.unpaired().getOrDefault(Reason.NO_REFERENCE, 0L) > 0) {
                lines.add("compare: no original response came with the requests: capture with "
                        + "--input-raw-track-response (or replay a .gor file recorded with it)");
            }
        }
        s.endpoints().stream().filter(e -> e.differing() > 0 || e.unanswered() > 0).limit(MAX_ENDPOINTS).forEach(e -> {
            String fields = e.fields().stream().filter(f -> !f.isNoise())
                    .sorted(Comparator.comparing((CompareSummary.FieldSummary f) -> !isStatus(f.field())))
                    .limit(MAX_FIELDS).map(SummaryText::field).collect(Collectors.joining(", "));
            StringBuilder line = new StringBuilder("compare: ").append(e.endpoint()).append(": ").append(e.differing())
                    .append(" of ").append(e.compared()).append(" differ (").append(Markup.percent(e.differenceRate()))
                    .append(")");
            if (e.unanswered() > 0) {
                line.append(", ").append(e.unanswered()).append(" unanswered (gate rate ")
                        .append(Markup.percent(e.gateRate())).append(")");
            }
            lines.add(line.append(fields.isEmpty() ? "" : ": " + fields).toString());
        });
        return lines;
    }

    private static String field(CompareSummary.FieldSummary f) {
        String text = f.field() + " (" + (f.differences() - f.noise()) + ")";
        if (isStatus(f.field()) && !f.examples().isEmpty()) {
            CompareSummary.Example x = f.examples().getFirst();
            text = f.field() + " " + shown(x.reference()) + " -> " + shown(x.candidate()) + " ("
                    + (f.differences() - f.noise()) + ")";
        }
        return text;
    }

    /** A status one side did not give (a gRPC answer without grpc-status) reads as such, not as a blank. */
    private static String shown(String value) {
        return value == null || value.isEmpty() ? "(absent)" : value;
    }

    /** The HTTP status or gRPC's: a change of either is listed first, with its values. */
    private static boolean isStatus(String field) {
        return field.equals("status") || field.equals(GrpcExchange.STATUS);
    }
}
