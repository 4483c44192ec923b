package dev.shadowtap.observe;

import dev.shadowtap.compare.CompareSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The comparison's endpoints as metric labels: the {@link #MAX_LABELS} most compared by name, the rest
 * summed under {@link #OTHER}, so a service with many paths cannot blow up a Prometheus server. The
 * comparison already folds paths into templates ({@code /users/{id}}) and caps its own table.
 */
final class CompareEndpoints {
    static final int MAX_LABELS = 50;
    static final String OTHER = "other";

    private CompareEndpoints() {
    }

    record Endpoint(String endpoint, long compared, long differing, long unanswered) {
    }

    static List<Endpoint> capped(List<CompareSummary.EndpointSummary> endpoints) {
        List<CompareSummary.EndpointSummary> byCompared = new ArrayList<>(endpoints);
        byCompared.sort(Comparator.comparingLong((CompareSummary.EndpointSummary e) -> -(e.compared() + e.unanswered()))
                .thenComparing(CompareSummary.EndpointSummary::endpoint));
        List<Endpoint> out = new ArrayList<>();
        long compared = 0;
        long differing = 0;
        long unanswered = 0;
        for (int i = 0; i < byCompared.size(); i++) {
            CompareSummary.EndpointSummary e = byCompared.get(i);
            if (i < MAX_LABELS) {
                out.add(new Endpoint(e.endpoint(), e.compared(), e.differing(), e.unanswered()));
            } else {
                compared += e.compared();
                differing += e.differing();
                unanswered += e.unanswered();
            }
        }
        if (byCompared.size() > MAX_LABELS) {
            out.add(new Endpoint(OTHER, compared, differing, unanswered));
        }
        return out;
    }
}
