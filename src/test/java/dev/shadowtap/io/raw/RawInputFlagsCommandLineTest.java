package dev.shadowtap.io.raw;

import dev.shadowtap.capture.PcapWriter;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.shadowtap.io.raw.ExchangeFrames.get;
import static dev.shadowtap.io.raw.ExchangeFrames.ok;
import static dev.shadowtap.io.raw.RawInputCommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VLAN, vxlan, timestamp-type and monitor flags on the command line, as a user runs them, and a live
 * capture through an HTTP filter.
 */
class RawInputFlagsCommandLineTest {
    @TempDir
    Path dir;

    private static List<Message> records(Path gor) throws IOException {
        List<Message> all = new ArrayList<>();
        try (GorReader reader = GorReader.open(gor, new StageStats("check"), Log.SILENT)) {
            Message m;
            while ((m = reader.next()) != null) {
                all.add(m);
            }
        }
        return all;
    }

    private Path taggedCapture() throws IOException {
        PcapWriter pcap = PcapWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1);
        long t = 1_700_000_000_000_000_000L;
        for (byte[] f : new ExchangeFrames(40010, 0x8100, 10).client(get("/ten")).server(ok("ten")).close().frames) {
            pcap.record(t += 1_000_000, f);
        }
        for (byte[] f : new ExchangeFrames(40020, 0x8100, 20).client(get("/twenty")).server(ok("twenty")).close().frames) {
            pcap.record(t += 1_000_000, f);
        }
        return Files.write(dir.resolve("vlan.pcap"), pcap.bytes());
    }

    @Test
    void aVlanIdSelectsItsTrafficFromACaptureFileAndWithoutVlanTheSkippedFramesAreReported() throws IOException {
        Path pcap = taggedCapture();
        RawInputCommandLineTest.Run ten = run("--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file",
                "--input-raw-vlan", "--input-raw-vlan-vid", "10", "--input-raw-track-response", "--output-stdout");
        assertThat(ten.status()).isZero();
        assertThat(ten.out()).contains(get("/ten")).contains(ok("ten")).doesNotContain("twenty");
        assertThat(ten.err()).contains("vlan-not-selected");

        RawInputCommandLineTest.Run none = run("--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file",
                "--output-stdout");
        assertThat(none.status()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("vlan-tagged");
    }

    @Test
    void aHeadOverTheMaxHeadSizeCostsThatMessageOnlyAndTheFlagRaisesTheLimit() throws IOException {
        String big = "GET /big HTTP/1.1\r\nHost: crafted\r\nCookie: " + "c".repeat(2000) + "\r\n\r\n";
        PcapWriter pcap = PcapWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1);
        long t = 1_700_000_000_000_000_000L;
        for (byte[] f : new ExchangeFrames(40030).client(big).client(get("/after")).close().frames) {
            pcap.record(t += 1_000_000, f);
        }
        Path file = Files.write(dir.resolve("big-head.pcap"), pcap.bytes());

        RawInputCommandLineTest.Run small = run("--input-raw", file.toString(), "--input-raw-engine", "pcap_file",
                "--input-raw-max-head-size", "1kb", "--output-stdout");
        assertThat(small.status()).isZero();
        assertThat(small.out()).contains(get("/after")).doesNotContain("/big");
        assertThat(small.err()).contains("head-too-large");

        RawInputCommandLineTest.Run roomy = run("--input-raw", file.toString(), "--input-raw-engine", "pcap_file",
                "--input-raw-max-head-size", "4kb", "--output-stdout");
        assertThat(roomy.out()).contains(big).contains(get("/after"));
        assertThat(roomy.err()).doesNotContain("head-too-large");

        RawInputCommandLineTest.Run bad = run("--input-raw", file.toString(), "--input-raw-max-head-size", "10", "--output-stdout");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err().strip()).contains("--input-raw-max-head-size").contains("1kb to 64mb").doesNotContain("\n\tat ");
    }

    @Test
    void theVxlanEngineCapturesToAFileUntilExitAfter() throws Exception {
        int port = VxlanSender.freePort();
        Path gor = dir.resolve("vxlan.gor");
        try (ExecutorService traffic = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> sent = traffic.submit(() -> {
                VxlanSender.awaitBound(port);
                try (VxlanSender sender = new VxlanSender(port)) {
                    sender.send(42, new ExchangeFrames(40001).client(get("/vx/1")).server(ok("one"))
                            .client(get("/vx/2")).server(ok("two")).close().frames);
                    sender.send(43, new ExchangeFrames(40002).client(get("/vx/other")).server(ok("no")).close().frames);
                }
                return null;
            });
            RawInputCommandLineTest.Run r = run("--input-raw", ":" + ExchangeFrames.SERVER_PORT, "--input-raw-engine", "vxlan",
                    "--input-raw-vxlan-port", String.valueOf(port), "--input-raw-vxlan-vni", "42",
                    "--input-raw-track-response", "--output-file", gor.toString(), "--output-file-append", "--exit-after", "2s");
            sent.get();
            assertThat(r.status()).isZero();
            assertThat(r.err()).contains("vxlan-vni-filtered");
            List<Message> got = records(gor);
            assertThat(got).extracting(m -> new String(m.payload(), StandardCharsets.ISO_8859_1))
                    .containsExactly(get("/vx/1"), ok("one"), get("/vx/2"), ok("two"));
            assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
            assertThat(got.get(3).id()).isEqualTo(got.get(2).id());
        }
    }

    @Test
    void monitorModeAndAnUnofferedTimestampTypeOnLoopbackAreOneLine() {
        CaptureRights.assumeCanCapture();
        CaptureRights.assumeLibpcap();
        RawInputCommandLineTest.Run monitor = run("--input-raw", "lo:8080", "--input-raw-engine", "libpcap",
                "--input-raw-monitor", "--output-null");
        assertThat(monitor.status()).isEqualTo(1);
        assertThat(monitor.err()).isEqualTo("shadowtap: --input-raw lo:8080: --input-raw-monitor: lo cannot be put in"
                + " monitor mode (only wireless interfaces can)\n");
        RawInputCommandLineTest.Run stamp = run("--input-raw", "lo:8080", "--input-raw-engine", "libpcap",
                "--input-raw-timestamp-type", "adapter_unsynced", "--output-null");
        assertThat(stamp.status()).isEqualTo(1);
        assertThat(stamp.err()).startsWith("shadowtap: --input-raw lo:8080: --input-raw-timestamp-type adapter_unsynced:"
                + " not supported; lo offers ").endsWith("\n");
        assertThat(stamp.err().lines()).hasSize(1);
    }

    /**
     * A live capture seen through a URL filter: what passes is recorded with its response, the left-out
     * request's response is left out with it (the filter remembers its verdict), each counted under its reason.
     */
    @Test
    void aLiveCaptureThroughAUrlFilterKeepsWhatPassesWithItsResponsesAndCountsTheRest() throws Exception {
        CaptureRights.assumeCanCapture();
        Path gor = dir.resolve("filtered.gor");
        try (LoopbackServer server = LoopbackServer.start(java.net.InetAddress.getLoopbackAddress());
             ExecutorService traffic = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<RawClient.Exchange>> sent = RawInputCommandLineTest.sendInASecond(traffic, server,
                    RawClient.get("/keep/1"), RawClient.get("/skip/2"), RawClient.post("/keep/3", "x=1".getBytes(), false));
            RawInputCommandLineTest.Run r = run("--input-raw", "127.0.0.1:" + server.port(),
                    "--input-raw-track-response", "--http-disallow-url", "^/skip", "--stats",
                    "--output-file", gor.toString(), "--output-file-append", "--exit-after", "3s");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(sent.get()).hasSize(3);
            List<String> heads = new ArrayList<>();
            for (Message m : records(gor)) {
                String text = new String(m.payload(), StandardCharsets.ISO_8859_1);
                heads.add(m.type() + " " + text.substring(0, text.indexOf('\r')));
            }
            assertThat(heads).containsExactlyInAnyOrder("REQUEST GET /keep/1 HTTP/1.1", "RESPONSE HTTP/1.1 200 OK",
                    "REQUEST POST /keep/3 HTTP/1.1", "RESPONSE HTTP/1.1 200 OK");
            assertThat(r.err()).containsPattern("filtered-url[= :]+1\\b").containsPattern("response-of-filtered[= :]+1\\b");
        }
    }
}
