package dev.shadowtap.io.http;

import dev.shadowtap.core.Stats;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.shadowtap.io.http.ReplayFixtures.id;
import static dev.shadowtap.io.http.ReplayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default growing pool, a paced replay to a slow target keeps its pace: connections open
 * while the requests arrive, not only when a response comes back (the replay loop asleep on busy
 * connections is woken by a request that may grow the pool), and a request that has waited a moment
 * gets one even where GoReplay's rule would keep it queued.
 */
class HttpReplayPoolGrowthTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void requestsWaitingOnASlowTargetOpenConnectionsBeforeAnyResponseComesBack() throws Exception {
        // every answer takes 3 s; 12 requests arrive 25 ms apart, all within ~0.3 s
        try (ScriptedServer server = new ScriptedServer((request, index, socket) -> ScriptedServer.Answer.of(OK)
                .delayed(3000))) {
            HttpReplayConfig config = HttpReplayConfig.defaults(server.uri()).withWorkers(1, 0)
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2));
            HttpReplayOutput out = new HttpReplayOutput(config, new Stats(), new ReplayFixtures.LinesLog());
            long start = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                out.write(request(id(i + 1), "GET /slow/" + i + " HTTP/1.1\r\nHost: h\r\n\r\n"));
                Thread.sleep(25);
            }
            // before the loop's longest select (1 s) could have woken it anyway, and long before the answers
            long deadline = start + 800_000_000L;
            while (server.received().size() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            // every request is on the wire at its time, each on a connection of its own, before the
            // first answer: was 1 (the loop slept until an answer came), then 6 with GoReplay's rule
            // alone (a connection only while more wait than are open), now one more whenever a request
            // has waited PoolPolicy.GROW_AFTER_NANOS
            assertThat(server.received()).hasSize(12);
            assertThat(server.connections()).isEqualTo(12);
            out.close();
        }
    }
}
