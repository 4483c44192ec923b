package dev.shadowtap.compare;

import dev.shadowtap.core.Reasons;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** The compare output's own stage drops (the pipeline's queue-full) are among the reasons in the summary. */
class CompareOutputTest {
    private final List<String> lines = new ArrayList<>();
    private final Log log = new Log() {
        @Override
        public void warn(String line) {
            lines.add(line);
        }

        @Override
        public void info(String line) {
            lines.add(line);
        }
    };

    private static Message message(MessageType type, String id, String payload) {
        return new Message(type, id, 0, type == MessageType.REQUEST ? Message.NO_LATENCY : 1000,
                payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void recordsDroppedBeforeTheComparisonAreInTheSummaryLine() throws Exception {
        Stats stats = new Stats();
        StageStats stage = stats.stage("compare");
        CompareOutput output = new CompareOutput(CompareConfig.of(null, List.of(), OptionalDouble.empty(), null), stage,
                stats, log);
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        output.write(message(MessageType.REQUEST, "a", "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"));
        output.write(message(MessageType.RESPONSE, "a", response));
        output.write(message(MessageType.REPLAYED, "a", response));
        output.write(message(MessageType.REQUEST, "b", "GET /y HTTP/1.1\r\nHost: h\r\n\r\n"));
        stage.drops(Reason.QUEUE_FULL, 7000); // what the pipeline could not queue to the comparison

        output.close();

        assertThat(Reasons.byLabel(output.summary().unpaired())).containsEntry("queue-full", 7000L).containsEntry("no-reference", 1L);
        assertThat(lines.getFirst()).isEqualTo("compare: compared 1 of 7,002 requests seen, 0 differing, 1 endpoint(s);"
                + " not compared: no-reference 1, queue-full 7,000");
    }
}
