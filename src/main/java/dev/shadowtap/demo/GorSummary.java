package dev.shadowtap.demo;

import dev.shadowtap.gor.GorReader;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a .gor file holds, read with the real {@link GorReader}: records by type, how many requests
 * have their response (type 2) and their replayed response (type 3) under the same id, and the
 * statuses of the replayed responses.
 *
 * @param damaged records the reader could not read (counted by it, by reason)
 */
public record GorSummary(long requests, long responses, long replayed, long requestsWithResponse,
                         long requestsWithReplay, Map<Integer, Long> replayedStatuses, long damaged) {

    /** The summary of {@code file}; an absent file holds nothing. */
    public static GorSummary of(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new GorSummary(0, 0, 0, 0, 0, Map.of(), 0);
        }
        Set<String> requestIds = new HashSet<>();
        Set<String> responseIds = new HashSet<>();
        Set<String> replayIds = new HashSet<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        long requests = 0;
        long responses = 0;
        long replayed = 0;
        StageStats stats = new StageStats("demo " + file);
        try (GorReader reader = GorReader.open(file, stats, Log.SILENT)) {
            for (Message m; (m = reader.next()) != null; ) {
                switch (m.type()) {
                    case REQUEST -> {
                        requests++;
                        requestIds.add(m.id());
                    }
                    case RESPONSE -> {
                        responses++;
                        responseIds.add(m.id());
                    }
                    case REPLAYED -> {
                        replayed++;
                        replayIds.add(m.id());
                        int status = HttpHead.tryParse(m.payload()).map(HttpHead::status).orElse(0);
                        statuses.merge(status, 1L, Long::sum);
                    }
                }
            }
        }
        return new GorSummary(requests, responses, replayed, requestIds.stream().filter(responseIds::contains).count(),
                requestIds.stream().filter(replayIds::contains).count(), java.util.Collections.unmodifiableMap(statuses), stats.droppedTotal());
    }
}
