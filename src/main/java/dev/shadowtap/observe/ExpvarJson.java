package dev.shadowtap.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.raw.CaptureHealth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code --http-pprof}'s {@code /debug/vars}: GoReplay's expvar maps under its names where the meaning
 * is the same ({@code raw}: {@code packets_received}, {@code packets_dropped}, {@code packets_if_dropped};
 * {@code tcp}: {@code message_queue}; {@code file-<pattern>}: {@code total_counter}, {@code total_bytes}),
 * then, under {@code shadowtap}, every counter of {@code /api/stats}. GoReplay's handler leaves out
 * Go's {@code memstats} and {@code cmdline}; the JVM has no such vars, so none are added.
 */
final class ExpvarJson {
    private static final String FILE_STAGE = "input-file ";

    private ExpvarJson() {
    }

    static byte[] render(RunSnapshot run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = StatsJson.JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            if (!run.captures().isEmpty()) {
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
                g.writeObjectFieldStart("raw");
                g.writeNumberField("packets_received", received);
                g.writeNumberField("packets_dropped", dropped);
                g.writeNumberField("packets_if_dropped", ifDropped);
                g.writeEndObject();
                g.writeObjectFieldStart("tcp");
                g.writeNumberField("message_queue", queued);
                g.writeEndObject();
            }
            for (StageStats.Snapshot s : run.stages()) {
                if (s.name().startsWith(FILE_STAGE)) {
                    g.writeObjectFieldStart("file-" + s.name().substring(FILE_STAGE.length()));
                    g.writeNumberField("total_counter", s.messages());
                    g.writeNumberField("total_bytes", s.bytes());
                    g.writeEndObject();
                }
            }
            g.writeFieldName("shadowtap");
            StatsJson.write(g, run, false);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toByteArray();
    }
}
