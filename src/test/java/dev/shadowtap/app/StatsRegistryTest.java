package dev.shadowtap.app;

import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.core.StageDetail;
import dev.shadowtap.core.Stats;
import dev.shadowtap.io.http.HttpReplayStats;
import dev.shadowtap.io.raw.CaptureHealth;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every counter of a run is found in its one registry: the stages, and the details of those that keep more. */
class StatsRegistryTest {
    @Test
    void aCapturesHealthAndAReplaysCountersAreRegisteredBesideTheirStages() throws Exception {
        Path pcap = Path.of(getClass().getResource("/pcap/any-sll.pcap").toURI());
        RunControl control = new RunControl();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseResult.Run run = (ParseResult.Run) CommandLine.parse(new String[] {"--input-raw", pcap.toString(),
                "--input-raw-engine", "pcap_file", "--output-http", "http://127.0.0.1:9", "--output-http-timeout", "1s"});
        int status = new Application(run.options(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), control).run();

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1); // nothing answered at port 9
        Stats stats = control.stats().orElseThrow();
        List<StageDetail> details = stats.details();
        assertThat(details).extracting(d -> d.stage().name())
                .containsExactly("input-raw " + pcap, "output-http 127.0.0.1:9");
        assertThat(stats.stages()).contains(details.get(0).stage(), details.get(1).stage());
        assertThat(((CaptureHealth) details.get(0)).line()).contains("packets=30 ").contains(" flows=3 ");
        assertThat(details.get(1)).isInstanceOf(HttpReplayStats.class);
    }
}
