package dev.shadowtap.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.raw.CaptureHealth;

/**
 * {@code --http-pprof}'s {@code /debug/vars}: GoReplay's expvar maps under its names where the meaning
 * is the same ({@code raw}: {@code packets_received}, {@code packets_dropped}, {@code packets_if_dropped};
 * {@code tcp}: {@code message_queue}; {@code file-<pattern>}: {@code total_counter}, {@code total_bytes}),
 * then, under {@code shadowtap}, every counter of {@code /api/stats}. GoReplay's handler leaves out
 * Go's {@code memstats} and {@code cmdline}; the JVM has no such vars, so none are added.
 */
final class ExpvarJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE_STAGE = "input-file ";

    private ExpvarJson() {
    }

    static byte[] render(RunSnapshot run) {
        ObjectNode root = JSON.createObjectNode();
        if (!run.captures().isEmpty()) {
            ObjectNode raw = root.putObject("raw");
            ObjectNode tcp = root.putObject("tcp");
            long received = 0;
            long dropped = 0;
            long ifDropped = 0;
            long queued = 0;
            for (CaptureHealth.Numbers c : run.captures()) {
                received += c.engine().packets();
                dropped += c.engine().kernelDrops();
                ifDropped += c.engine().interfaceDrops();
                queued += c.queued();
            }
            raw.put("packets_received", received);
            raw.put("packets_dropped", dropped);
            raw.put("packets_if_dropped", ifDropped);
            tcp.put("message_queue", queued);
        }
        for (StageStats.Snapshot s : run.stages()) {
            if (s.name().startsWith(FILE_STAGE)) {
                ObjectNode file = root.putObject("file-" + s.name().substring(FILE_STAGE.length()));
                file.put("total_counter", s.messages());
                file.put("total_bytes", s.bytes());
            }
        }
        try {
            root.set("shadowtap", JSON.readTree(StatsJson.render(run, false)));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a JSON tree of numbers and strings always writes", e);
        }
    }
}
