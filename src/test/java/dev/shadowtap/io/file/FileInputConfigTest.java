package dev.shadowtap.io.file;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileInputConfigTest {
    @Test
    void defaultsAreGoReplays() {
        FileInputConfig config = FileInputConfig.of("requests.gor");
        assertThat(config.speed()).isEqualTo(1.0);
        assertThat(config.readDepth()).isEqualTo(100);
        assertThat(config.loop()).isFalse();
        assertThat(config.dryRun()).isFalse();
        assertThat(config.maxWait()).isNull();
        assertThat(config.maxWaitNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.paced()).isTrue();
        assertThat(config.withSpeed(1e6).paced()).isFalse();
    }

    @Test
    void zeroMaxWaitMeansNone() {
        assertThat(new FileInputConfig("a.gor", 1, false, 100, Duration.ZERO, false).maxWait()).isNull();
        assertThat(new FileInputConfig("a.gor", 1, false, 100, Duration.ofMillis(5), false).maxWaitNanos())
                .isEqualTo(5_000_000);
    }

    @Test
    void badValuesAreRejectedWithTheFlagNamed() {
        assertThatThrownBy(() -> new FileInputConfig(" ", 1, false, 100, null, false))
                .hasMessageContaining("--input-file");
        assertThatThrownBy(() -> new FileInputConfig("a.gor", 0, false, 100, null, false))
                .hasMessage("--input-file a.gor: speed must be above 0%, got 0.0%");
        assertThatThrownBy(() -> new FileInputConfig("a.gor", Double.NaN, false, 100, null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileInputConfig("a.gor", 1, false, -1, null, false))
                .hasMessage("--input-file-read-depth must be 0 or more, got -1");
        assertThatThrownBy(() -> new FileInputConfig("a.gor", 1, false, 100, Duration.ofSeconds(-1), false))
                .hasMessageStartingWith("--input-file-max-wait must not be negative");
    }
}
