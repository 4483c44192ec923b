package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LimiterTest {
    private final StageStats stats = new StageStats("limit");

    @Test
    void perSecondLetsTheFirstNOfEachOneSecondWindowThrough() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        Limiter limiter = new Limiter(new Limit.PerSecond(3), stats, new SplittableRandom(1), now::get);
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            passed += limiter.allow() ? 1 : 0;
            now.addAndGet(50_000_000L); // 10 messages in 0.5 s
        }
        assertThat(passed).isEqualTo(3);
        now.addAndGet(600_000_000L); // into the next window
        assertThat(limiter.allow()).isTrue();
        assertThat(stats.dropped(Reason.RATE_LIMIT)).isEqualTo(7);
    }

    @Test
    void perSecondCapHoldsOverTwoRealSeconds() throws Exception {
        Input endless = () -> {
            Thread.sleep(0, 200_000);
            return TestMessages.request(1);
        };
        LimitedInput limited = new LimitedInput(endless, Limiter.of(new Limit.PerSecond(50), stats));
        long end = System.nanoTime() + 2_000_000_000L;
        int passed = 0;
        while (System.nanoTime() < end) {
            limited.read();
            passed++;
        }
        // 2 s touch two or three one-second windows, each letting at most 50 through
        assertThat(passed).isBetween(100, 150);
        assertThat(stats.dropped(Reason.RATE_LIMIT)).isPositive();
    }

    @Test
    void percentSamplesStatistically() throws Exception {
        Limiter limiter = new Limiter(new Limit.Percent(25), stats, new SplittableRandom(42), System::nanoTime);
        RecordingOutput out = new RecordingOutput();
        LimitedOutput limited = new LimitedOutput(out, limiter);
        for (int i = 0; i < 10_000; i++) {
            limited.write(TestMessages.request(i));
        }
        assertThat(out.messages().size()).isBetween(2_200, 2_800);
        assertThat(stats.dropped(Reason.SAMPLED_OUT)).isEqualTo(10_000 - out.messages().size());
        limited.close();
        assertThat(out.closed()).isTrue();
    }

    @Test
    void zeroPercentDropsAllAndAHundredPassesAll() {
        Limiter none = new Limiter(new Limit.Percent(0), stats, new SplittableRandom(7), System::nanoTime);
        Limiter all = new Limiter(new Limit.Percent(100), new StageStats("all"), new SplittableRandom(7), System::nanoTime);
        Limiter unlimited = Limiter.of(Limit.NONE, stats);
        for (int i = 0; i < 1000; i++) {
            assertThat(none.allow()).isFalse();
            assertThat(all.allow()).isTrue();
            assertThat(unlimited.allow()).isTrue();
        }
        assertThat(stats.dropped(Reason.SAMPLED_OUT)).isEqualTo(1000);
    }

    @Test
    void aLimitedInputPassesEndOfInputAndLiveness() throws Exception {
        LimitedInput limited = new LimitedInput(new ListInput(0, 10, true),
                new Limiter(new Limit.Percent(50), stats, new SplittableRandom(3), System::nanoTime));
        int passed = 0;
        while (limited.read() != null) {
            passed++;
        }
        assertThat(limited.live()).isTrue();
        assertThat(passed + stats.dropped(Reason.SAMPLED_OUT)).isEqualTo(10);
    }
}
