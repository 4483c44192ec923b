package dev.shadowtap.io.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay loop's pool decisions on a fake clock, as docs/HTTP-REPLAY.md states them: open up to
 * the minimum at once; beyond it grow while more requests wait than there are connections (GoReplay's
 * rule), at most half as many again connecting, and by one whenever a request has waited 2 ms; never
 * past the most allowed; the most recently used idle connection goes first; idle ones above the
 * minimum close after the worker timeout.
 */
class PoolPolicyTest {
    private static final long IDLE = TimeUnit.SECONDS.toNanos(2);

    /** The loop's clock, moved by hand. */
    private static final class FakeClock {
        private long now = TimeUnit.SECONDS.toNanos(100);

        long now() {
            return now;
        }

        void advanceMicros(long micros) {
            now += TimeUnit.MICROSECONDS.toNanos(micros);
        }
    }

    private final FakeClock clock = new FakeClock();

    private static PoolPolicy<String> withOpen(int min, int max, int connected, int connecting) {
        PoolPolicy<String> pool = new PoolPolicy<>(min, max, IDLE);
        for (int i = 0; i < connected; i++) {
            pool.opened("c" + i, true);
        }
        for (int i = 0; i < connecting; i++) {
            pool.opened("p" + i, false);
        }
        return pool;
    }

    @Test
    void opensUpToTheMinimumForAnyWaitingRequest() {
        PoolPolicy<String> pool = withOpen(3, 10, 2, 0);
        assertThat(pool.mayOpen(1, clock.now())).isTrue();
        pool.opened("c2", false);
        assertThat(pool.mayOpen(1, clock.now())).as("at the minimum one waiting request waits").isFalse();
        assertThat(pool.open()).isEqualTo(3);
    }

    @Test
    void growsWhileMoreWaitThanAreOpen() {
        PoolPolicy<String> pool = withOpen(1, 10, 4, 0);
        assertThat(pool.mayOpen(4, clock.now())).isFalse();
        assertThat(pool.mayOpen(5, clock.now())).isTrue();
    }

    @Test
    void atMostHalfAsManyAgainConnectingAtOnce() {
        PoolPolicy<String> pool = withOpen(1, 100, 4, 1);
        assertThat(pool.mayOpen(50, clock.now())).isTrue();
        pool.opened("p1", false);
        assertThat(pool.mayOpen(50, clock.now())).as("6 open, 2 connecting: a third may start").isTrue();
        pool.opened("p2", false);
        assertThat(pool.mayOpen(50, clock.now())).as("7 open, 3 connecting").isFalse();
        pool.connected();
        assertThat(pool.mayOpen(50, clock.now())).as("one finished connecting").isTrue();

        PoolPolicy<String> single = withOpen(1, 100, 1, 0);
        assertThat(single.mayOpen(5, clock.now())).as("one connecting is always allowed").isTrue();
        single.opened("p", false);
        assertThat(single.mayOpen(5, clock.now())).isFalse();
    }

    @Test
    void oneMoreWhenARequestHasWaitedTwoMilliseconds() {
        PoolPolicy<String> pool = withOpen(1, 10, 2, 0);
        assertThat(pool.mayOpen(1, clock.now())).isFalse();
        assertThat(pool.waitClockRunning()).isFalse();

        long started = clock.now();
        pool.noConnection(started);
        assertThat(pool.waitClockRunning()).isTrue();
        assertThat(pool.growAtNanos()).isEqualTo(started + PoolPolicy.GROW_AFTER_NANOS);

        clock.advanceMicros(1999);
        pool.noConnection(clock.now());
        assertThat(pool.growAtNanos()).as("a running clock keeps its start").isEqualTo(started + PoolPolicy.GROW_AFTER_NANOS);
        assertThat(pool.mayOpen(1, clock.now())).isFalse();
        clock.advanceMicros(1);
        assertThat(pool.mayOpen(1, clock.now())).isTrue();

        pool.stopWaitClock();
        assertThat(pool.waitClockRunning()).isFalse();
        assertThat(pool.mayOpen(1, clock.now())).as("the next waiting request starts a new clock").isFalse();
    }

    @Test
    void neverPastTheMostAllowedAndNoWaitClockThere() {
        PoolPolicy<String> pool = withOpen(1, 3, 3, 0);
        assertThat(pool.mayOpen(100, clock.now())).isFalse();
        pool.noConnection(clock.now());
        assertThat(pool.waitClockRunning()).as("growing is not possible: nothing to time").isFalse();
        clock.advanceMicros(10_000);
        assertThat(pool.mayOpen(100, clock.now())).isFalse();

        PoolPolicy<String> min = withOpen(5, 5, 5, 0);
        assertThat(min.mayOpen(1, clock.now())).as("min equal to max").isFalse();
    }

    @Test
    void aRequestTakesTheMostRecentlyUsedIdleConnection() {
        PoolPolicy<String> pool = withOpen(1, 10, 3, 0);
        assertThat(pool.takeIdle()).isNull();
        assertThat(pool.canTakeWork(1, clock.now())).isFalse();
        pool.idle("c0");
        pool.idle("c2");
        pool.idle("c1");
        assertThat(pool.canTakeWork(1, clock.now())).isTrue();
        assertThat(pool.takeIdle()).isEqualTo("c1");
        pool.forget("c2", true);
        assertThat(pool.takeIdle()).as("a closed connection is never taken").isEqualTo("c0");
        assertThat(pool.takeIdle()).isNull();
        assertThat(pool.open()).isEqualTo(2);
        assertThat(pool.size()).isEqualTo(2);
        assertThat(pool.get(0)).isEqualTo("c0");
    }

    @Test
    void forgettingAConnectingConnectionFreesItsConnectingSlot() {
        PoolPolicy<String> pool = withOpen(1, 100, 2, 1);
        assertThat(pool.mayOpen(10, clock.now())).isFalse();
        pool.forget("p0", false);
        assertThat(pool.mayOpen(10, clock.now())).isTrue();
        pool.forget("p0", false);
        assertThat(pool.open()).as("forgetting twice changes nothing").isEqualTo(2);
    }

    @Test
    void idleConnectionsAboveTheMinimumCloseAfterTheWorkerTimeout() {
        PoolPolicy<String> pool = withOpen(2, 10, 2, 0);
        assertThat(pool.aboveMin()).as("at the minimum nothing expires").isFalse();
        pool.opened("c2", true);
        assertThat(pool.aboveMin()).isTrue();

        long lastUsed = clock.now();
        assertThat(pool.idleUntil(lastUsed)).isEqualTo(lastUsed + IDLE);
        clock.advanceMicros(TimeUnit.NANOSECONDS.toMicros(IDLE) - 1);
        assertThat(pool.idleExpired(lastUsed, clock.now())).isFalse();
        clock.advanceMicros(1);
        assertThat(pool.idleExpired(lastUsed, clock.now())).isTrue();
        pool.forget("c2", true);
        assertThat(pool.aboveMin()).isFalse();
    }

    @Test
    void aNewRequestWakesTheSleepingLoopOnlyWhenItCanBeServed() {
        PoolPolicy<String> pool = withOpen(1, 4, 2, 0);
        pool.idle("c0");
        pool.sleeping();
        assertThat(pool.wakes(1, pool.open())).as("a connection is idle").isTrue();

        pool.takeIdle();
        pool.sleeping();
        assertThat(pool.wakes(1, pool.open())).as("no wait clock yet: this request starts it").isTrue();
        pool.noConnection(clock.now());
        assertThat(pool.wakes(2, pool.open())).as("the clock runs and 2 wait for 2 connections").isFalse();
        assertThat(pool.wakes(3, pool.open())).as("more wait than are open: the pool may grow").isTrue();

        PoolPolicy<String> full = withOpen(1, 2, 2, 0);
        full.sleeping();
        assertThat(full.wakes(50, full.open())).as("at the most allowed only a freed connection helps").isFalse();
    }
}
