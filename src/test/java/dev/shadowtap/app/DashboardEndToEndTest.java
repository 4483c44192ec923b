package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowtap.observe.PromText;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --dashboard on a real run: /metrics scraped twice while it runs (valid text, counters moved by what
 * was sent, the latency histogram adds up) and its last scrape equal to the exit summary; the port is
 * opened only when the flag asks for it.
 */
class DashboardEndToEndTest {
    private static final Pattern STAGE_SUMMARY = Pattern.compile("^summary (.+): (\\d+) msgs", Pattern.MULTILINE);

    @Test
    void metricsScrapedTwiceDuringARunMoveAndEndEqualToTheExitSummary() throws Exception {
        try (DashboardRun run = DashboardRun.start()) {
            run.sendAndSettle(5);
            PromText first = PromText.parse(run.get("/metrics", "text/plain").body(), false);
            run.sendAndSettle(7);
            String text = run.get("/metrics", "text/plain").body();
            PromText second = PromText.parse(text, false);
            JsonNode stats = run.stats();

            String input = stats.get("stages").get(0).get("name").asText();
            String output = stats.get("replays").get(0).get("stage").asText();
            assertThat(input).startsWith("input-tcp ");
            assertThat(second.value("shadowtap_stage_messages_total", "stage", input)
                    - first.value("shadowtap_stage_messages_total", "stage", input)).isEqualTo(14); // 7 requests, 7 responses
            assertThat(first.value("shadowtap_replay_requests_total", "stage", output)).isEqualTo(5);
            assertThat(second.value("shadowtap_replay_requests_total", "stage", output)).isEqualTo(12);
            assertThat(second.value("shadowtap_replay_responses_total", "stage", output, "class", "2xx")).isEqualTo(12);
            assertThat(second.value("shadowtap_replay_latency_seconds_count", "stage", output)).isEqualTo(12);
            assertThat(second.value("shadowtap_replay_latency_seconds_sum", "stage", output)).isPositive();
            assertThat(second.value("shadowtap_compare_pairs_total", "endpoint", "GET /products/{id}")).isEqualTo(12);
            assertThat(second.value("shadowtap_compare_differing_pairs", "endpoint", "GET /products/{id}")).isEqualTo(12);
            // the JSON says the same
            assertThat(stats.get("stages").get(0).get("messages").asLong())
                    .isEqualTo((long) second.value("shadowtap_stage_messages_total", "stage", input));

            String summary = run.stop();
            Matcher stage = STAGE_SUMMARY.matcher(summary);
            int stages = 0;
            while (stage.find()) {
                stages++;
                assertThat(second.value("shadowtap_stage_messages_total", "stage", stage.group(1)))
                        .as(stage.group(1) + " in\n" + summary + "\n" + text).isEqualTo(Long.parseLong(stage.group(2)));
            }
            assertThat(stages).as(summary).isEqualTo(stats.get("stages").size());
            assertThat(summary).contains(output + ": sent 12, responses 12 (1xx 0 2xx 12 3xx 0 4xx 0 5xx 0)");
        }
    }

    @Test
    void openMetricsOnAcceptDuringARun() throws Exception {
        try (DashboardRun run = DashboardRun.start()) {
            run.sendAndSettle(3);
            var response = run.get("/metrics", "application/openmetrics-text; version=1.0.0");
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
            PromText metrics = PromText.parse(response.body(), true);
            assertThat(metrics.types).containsEntry("shadowtap_replay_latency_seconds", "histogram");
            String output = run.stats().get("replays").get(0).get("stage").asText();
            assertThat(metrics.value("shadowtap_replay_requests_total", "stage", output)).isEqualTo(3);
        }
    }

    @Test
    void aPortIsOpenedOnlyWhenAFlagAsksForIt() throws Exception {
        Process without = CliProcess.of("--input-dummy", "--output-stdout").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(without.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the run is under way: the dummy input's first record").startsWith("1 ");
            assertThat(listeningPorts(without.pid())).isEmpty();
        } finally {
            without.destroy();
            without.waitFor(10, TimeUnit.SECONDS);
        }
        Process with = CliProcess.of("--input-dummy", "--output-null", "--dashboard", "127.0.0.1:0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(with.getErrorStream(), StandardCharsets.UTF_8))) {
            String line = err.readLine();
            assertThat(line).startsWith("dashboard: http://127.0.0.1:");
            int port = Integer.parseInt(line.replaceAll(".*:(\\d+)/$", "$1"));
            assertThat(listeningPorts(with.pid())).containsExactly(port);
        } finally {
            with.destroy();
            with.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The TCP ports a process listens on: its socket descriptors matched against the kernel's tables. */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file); // read once: other processes open sockets meanwhile
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
