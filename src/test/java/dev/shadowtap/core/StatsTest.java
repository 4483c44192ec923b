package dev.shadowtap.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {
    @Test
    void holdsEveryStageAndEveryStageDetailInTheOrderTheyCame() {
        Stats stats = new Stats();
        StageStats in = stats.stage("input-file a.gor");
        StageStats out = stats.stage("output-http x");
        StageDetail detail = new StageDetail() {
            @Override
            public StageStats stage() {
                return out;
            }

            @Override
            public List<String> summaryLines() {
                return List.of("output-http x: sent 3");
            }
        };
        stats.detail(detail);
        in.drop(Reason.QUEUE_FULL);
        out.drops(Reason.TIMEOUT, 2);

        assertThat(stats.stages()).containsExactly(in, out);
        assertThat(stats.details()).containsExactly(detail);
        assertThat(stats.droppedTotal()).isEqualTo(3);
        assertThat(stats.snapshot()).extracting(StageStats.Snapshot::drops)
                .containsExactly(java.util.Map.of(Reason.QUEUE_FULL, 1L), java.util.Map.of(Reason.TIMEOUT, 2L));
    }
}
