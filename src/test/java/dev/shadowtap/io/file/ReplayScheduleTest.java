package dev.shadowtap.io.file;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay schedule as arithmetic, without a clock: offsets for given timestamps. */
class ReplayScheduleTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_795_168_800_000_000_000L;

    private static long[] offsetsMs(ReplaySchedule schedule, long... timestampsMs) {
        long[] out = new long[timestampsMs.length];
        for (int i = 0; i < timestampsMs.length; i++) {
            out[i] = schedule.offsetOf(T0 + timestampsMs[i] * MS) / MS;
        }
        return out;
    }

    @Test
    void offsetsAreRecordedTimeDividedBySpeed() {
        assertThat(offsetsMs(new ReplaySchedule(1.0, Long.MAX_VALUE), 0, 100, 300, 600)).containsExactly(0, 100, 300, 600);
        assertThat(offsetsMs(new ReplaySchedule(2.0, Long.MAX_VALUE), 0, 100, 300, 600)).containsExactly(0, 50, 150, 300);
        assertThat(offsetsMs(new ReplaySchedule(0.5, Long.MAX_VALUE), 0, 100, 300, 600)).containsExactly(0, 200, 600, 1200);
    }

    @Test
    void manySmallGapsAddUpExactly() {
        ReplaySchedule schedule = new ReplaySchedule(3.0, Long.MAX_VALUE);
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
            last = schedule.offsetOf(T0 + i * 100_003L);
        }
        assertThat(last).isEqualTo((long) (9_999 * 100_003L / 3.0));
    }

    @Test
    void maxWaitCapsEachGapAndShiftsTheRest() {
        assertThat(offsetsMs(new ReplaySchedule(1.0, 200 * MS), 0, 5000, 5100, 10_000, 10_050))
                .containsExactly(0, 200, 300, 500, 550);
        assertThat(offsetsMs(new ReplaySchedule(2.0, 200 * MS), 0, 5000)).containsExactly(0, 100);
    }

    @Test
    void earlierTimestampsAreDueAtOnceAndDoNotMoveTheSchedule() {
        assertThat(offsetsMs(new ReplaySchedule(1.0, Long.MAX_VALUE), 0, 100, -5000, 50, 200))
                .containsExactly(0, 100, 100, 100, 200);
    }

    @Test
    void restartFollowsAfterOneTypicalGap() {
        ReplaySchedule schedule = new ReplaySchedule(1.0, Long.MAX_VALUE);
        assertThat(offsetsMs(schedule, 0, 100, 200)).containsExactly(0, 100, 200);
        schedule.restart();
        assertThat(offsetsMs(schedule, 0, 100, 200)).containsExactly(300, 400, 500);
        schedule.restart();
        assertThat(offsetsMs(schedule, 0)).containsExactly(600);
    }

    @Test
    void restartAfterASingleRecordIsImmediate() {
        ReplaySchedule schedule = new ReplaySchedule(1.0, Long.MAX_VALUE);
        assertThat(offsetsMs(schedule, 42)).containsExactly(0);
        schedule.restart();
        assertThat(offsetsMs(schedule, 42)).containsExactly(0);
    }

    @Test
    void wildTimestampsNeitherOverflowNorGoNegative() {
        ReplaySchedule schedule = new ReplaySchedule(1.0, Long.MAX_VALUE);
        assertThat(schedule.offsetOf(Long.MIN_VALUE + 5)).isZero();
        assertThat(schedule.offsetOf(Long.MAX_VALUE)).isPositive();
        assertThat(schedule.offsetOf(Long.MAX_VALUE)).isPositive();
    }
}
