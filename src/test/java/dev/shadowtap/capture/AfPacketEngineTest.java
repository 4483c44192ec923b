package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.AfPacketConfig;
import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.capture.ffi.CapturedFrames;
import dev.shadowtap.capture.ffi.LinkTypes;
import dev.shadowtap.capture.ffi.LoopbackHttp;
import dev.shadowtap.capture.ffi.NativeCaptureException;
import dev.shadowtap.capture.ffi.PortFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AF_PACKET engine on its own thread, capturing real HTTP on lo, stopped from another thread. */
class AfPacketEngineTest {
    @BeforeEach
    void needsRoot() {
        CaptureRights.assumeCanCapture();
    }

    @Test
    void capturesRequestsAndResponsesThenStopsPromptlyOnClose() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        try (LoopbackHttp server = new LoopbackHttp()) {
            AfPacketEngine engine = new AfPacketEngine(AfPacketConfig.of("lo")
                    .withFilter(PortFilter.tcpPorts(List.of(server.port()), 262144)));
            assertThat(engine.linkType()).isEqualTo(LinkTypes.ETHERNET);
            EngineRun run = new EngineRun(engine::run, frames);
            for (int i = 0; i < 5; i++) {
                assertThat(server.post("engine-request-" + i)).endsWith("echo 16");
            }
            assertThat(frames.awaitText("engine-request-4", 10_000)).isTrue();
            assertThat(frames.awaitText("echo 16", 10_000)).isTrue();

            long start = System.nanoTime();
            engine.close();
            assertThat(run.ended(1_000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).as("close() took ms").isLessThan(1_000);
            assertThat(run.failure()).isNull();

            for (int i = 0; i < 5; i++) {
                String marker = "engine-request-" + i;
                assertThat(frames.all().stream().filter(f -> f.contains(marker)).count()).as(marker).isEqualTo(1);
            }
            CaptureCounters stats = engine.stats();
            assertThat(stats.frames()).isEqualTo(frames.all().size());
            assertThat(stats.kernelReceived()).isGreaterThanOrEqualTo(stats.frames());
            assertThat(stats.kernelDrops()).isZero();
            engine.close(); // idempotent
        }
    }

    @Test
    void closeWakesAnIdleLoopWithinOnePollPeriod() throws Exception {
        // a filter that matches nothing: the loop only ever waits in poll()
        AfPacketEngine engine = new AfPacketEngine(AfPacketConfig.of("lo").withFilter(PortFilter.tcpPorts(List.of(1), 100)));
        EngineRun run = new EngineRun(engine::run, new CapturedFrames());
        Thread.sleep(300);
        long start = System.nanoTime();
        engine.close();
        assertThat(run.ended(1_000)).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(AfPacketConfig.DEFAULT_POLL_MILLIS + 400);
    }

    @Test
    void closedBeforeRunningItReleasesAndRunReturnsAtOnce() throws Exception {
        AfPacketEngine engine = new AfPacketEngine(AfPacketConfig.of("lo"));
        engine.close();
        EngineRun run = new EngineRun(engine::run, new CapturedFrames());
        assertThat(run.ended(1_000)).isTrue();
        assertThat(run.failure()).isNull();
    }

    @Test
    void aBadInterfaceFailsInTheConstructorWithOneLine() {
        assertThatThrownBy(() -> new AfPacketEngine(AfPacketConfig.of("eth99x")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessage("no such network interface: eth99x");
    }
}
