package dev.shadowtap.io.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GoReplay's Kafka pacing, on explicit clocks: the recorded gap divided by the speed, less what already passed. */
class TimestampPacerTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstMessageGoesAtOnceTheNextWaitsTheRecordedGapDividedByTheSpeed() {
        TimestampPacer pacer = new TimestampPacer(2.0);
        assertThat(pacer.delayNanos(1_000 * MS, 50 * MS)).isZero();
        pacer.emitted(1_000 * MS, 50 * MS);
        // recorded 100 ms later, at 200%: 50 ms after the first went out, 10 ms of which have passed
        assertThat(pacer.delayNanos(1_100 * MS, 60 * MS)).isEqualTo(40 * MS);
        pacer.emitted(1_100 * MS, 100 * MS);
        // already late: no wait
        assertThat(pacer.delayNanos(1_120 * MS, 500 * MS)).isZero();
    }

    @Test
    void aSpeedOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> new TimestampPacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
