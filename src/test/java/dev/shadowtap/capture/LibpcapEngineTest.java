package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.CaptureCounters;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.capture.ffi.CapturedFrames;
import dev.shadowtap.capture.ffi.Libpcap;
import dev.shadowtap.capture.ffi.LibpcapConfig;
import dev.shadowtap.capture.ffi.LinkTypes;
import dev.shadowtap.capture.ffi.LoopbackHttp;
import dev.shadowtap.capture.ffi.NativeCaptureException;
import dev.shadowtap.core.Log;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The libpcap engine on its own thread, capturing real HTTP on lo with a tcpdump filter. */
class LibpcapEngineTest {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Log log = new Log() {
        @Override
        public void warn(String line) {
            warnings.add(line);
        }

        @Override
        public void info(String line) {
        }
    };

    @BeforeEach
    void needsRootAndLibpcap() {
        CaptureRights.assumeLibpcap();
        CaptureRights.assumeCanCapture();
    }

    @Test
    void capturesOnlyTheFilteredPortThenStopsPromptlyOnClose() throws Exception {
        CapturedFrames frames = new CapturedFrames();
        try (LoopbackHttp server = new LoopbackHttp(); LoopbackHttp other = new LoopbackHttp()) {
            LibpcapEngine engine = new LibpcapEngine(Libpcap.load(),
                    LibpcapConfig.of("lo").withFilter("tcp port " + server.port()), log);
            assertThat(engine.linkType()).isEqualTo(LinkTypes.ETHERNET);
            EngineRun run = new EngineRun(engine::run, frames);
            for (int i = 0; i < 5; i++) {
                other.post("not-this-port-" + i);
                assertThat(server.post("pcap-engine-" + i)).endsWith("echo 13");
            }
            assertThat(frames.awaitText("pcap-engine-4", 10_000)).isTrue();
            assertThat(frames.awaitText("echo 13", 10_000)).isTrue();

            long start = System.nanoTime();
            engine.close();
            assertThat(run.ended(1_000)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
            assertThat(run.failure()).isNull();

            assertThat(frames.sawText("not-this-port")).isFalse();
            for (int i = 0; i < 5; i++) {
                String marker = "pcap-engine-" + i;
                assertThat(frames.all().stream().filter(f -> f.contains(marker)).count()).as(marker).isEqualTo(1);
            }
            CaptureCounters stats = engine.stats();
            assertThat(stats.frames()).isEqualTo(frames.all().size());
            assertThat(stats.kernelReceived()).isGreaterThanOrEqualTo(stats.frames());
            assertThat(stats.kernelDrops()).isZero();
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void closeWakesAnIdleLoop() throws Exception {
        LibpcapEngine engine = new LibpcapEngine(Libpcap.load(), LibpcapConfig.of("lo").withFilter("tcp port 1"), log);
        EngineRun run = new EngineRun(engine::run, new CapturedFrames());
        Thread.sleep(300);
        long start = System.nanoTime();
        engine.close();
        assertThat(run.ended(1_000)).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
    }

    @Test
    void anInvalidFilterIsOneLine() {
        assertThatThrownBy(() -> new LibpcapEngine(Libpcap.load(), LibpcapConfig.of("lo").withFilter("tcp port http2x"), log))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessageStartingWith("bad --input-raw-bpf-filter \"tcp port http2x\": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
