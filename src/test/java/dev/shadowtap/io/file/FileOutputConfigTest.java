package dev.shadowtap.io.file;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileOutputConfigTest {
    @Test
    void defaultsAreGoReplays() {
        FileOutputConfig config = FileOutputConfig.defaults("requests.gor");
        assertThat(config.append()).isFalse();
        assertThat(config.sizeLimit()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.queueLimit()).isEqualTo(256);
        assertThat(config.maxSizeLimit()).isEqualTo(1024L * 1024 * 1024 * 1024);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void badValuesNameTheirFlag() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new FileOutputConfig(" ", false, 0, 0, 0, second))
                .hasMessageContaining("--output-file ");
        assertThatThrownBy(() -> new FileOutputConfig("x", false, -1, 0, 0, second))
                .hasMessageContaining("--output-file-size-limit").hasMessageContaining("-1");
        assertThatThrownBy(() -> new FileOutputConfig("x", false, 0, -2, 0, second))
                .hasMessageContaining("--output-file-queue-limit").hasMessageContaining("-2");
        assertThatThrownBy(() -> new FileOutputConfig("x", false, 0, 0, -3, second))
                .hasMessageContaining("--output-file-max-size-limit").hasMessageContaining("-3");
        assertThatThrownBy(() -> new FileOutputConfig("x", false, 0, 0, 0, Duration.ZERO))
                .hasMessageContaining("--output-file-flush-interval");
        assertThatThrownBy(() -> new FileOutputConfig("x", false, 0, 0, 0, null))
                .hasMessageContaining("--output-file-flush-interval");
    }

    @Test
    void zeroMeansNoLimit() {
        FileOutputConfig config = new FileOutputConfig("x", true, 0, 0, 0, Duration.ofMillis(1));
        assertThat(config.withLimits(5, 6, 7)).isEqualTo(new FileOutputConfig("x", true, 5, 6, 7, Duration.ofMillis(1)));
    }
}
