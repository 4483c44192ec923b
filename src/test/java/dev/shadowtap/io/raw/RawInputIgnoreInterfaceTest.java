package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --input-raw-ignore-interface} on a live capture on every interface ({@code :port}): real
 * HTTP traffic on the loopback is captured, except when "lo" is ignored. AF_PACKET drops the
 * ignored interface's frames in the kernel (BPF on the frame's device index); libpcap's "any" gives
 * Linux cooked v2 frames whose interface index is checked, and counted, by the raw input.
 */
class RawInputIgnoreInterfaceTest {
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void needsCaptureRights() {
        CaptureRights.assumeCanCapture();
    }

    private static RawInputConfig config(int port, CaptureEngine engine, List<String> ignored) {
        return RawInputConfig.of(":" + port, engine, true).withIgnoreInterfaces(ignored);
    }

    @Test
    void afPacketOnEveryInterfaceIgnoringLoopbackCapturesNothingOfLoopbackTraffic() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(server.port(), CaptureEngine.AF_PACKET, List.of("lo")));
             RawClient client = new RawClient(server.address())) {
            RawClient.Exchange sent = client.send(RawClient.get("/ignored/af_packet"));
            assertThat(sent.responses()).hasSize(1); // the traffic did happen
            Thread.sleep(300);
            assertThat(capture.awaitThenStop(0)).isEmpty();
            assertThat(capture.input.tcpStats().snapshot().segments()).isZero();
        }
    }

    @Test
    void afPacketIgnoringAnotherInterfaceStillCapturesLoopback() throws Exception {
        String other = NetworkInterface.networkInterfaces().map(NetworkInterface::getName)
                .filter(n -> !n.equals("lo")).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "no interface but lo");
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(server.port(), CaptureEngine.AF_PACKET, List.of(other)));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = List.of(client.send(RawClient.get("/kept/af_packet")));
            List<Message> got = capture.awaitThenStop(2);
            capture.assertExactly(sent, got, true);
        }
    }

    @Test
    void libpcapOnAnyIgnoringLoopbackCapturesNothingAndCountsTheFrames() throws Exception {
        CaptureRights.assumeLibpcap();
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(server.port(), CaptureEngine.LIBPCAP, List.of("lo")));
             RawClient client = new RawClient(server.address())) {
            RawClient.Exchange sent = client.send(RawClient.get("/ignored/libpcap"));
            assertThat(sent.responses()).hasSize(1);
            Thread.sleep(300);
            assertThat(capture.awaitThenStop(0)).isEmpty();
            assertThat(capture.stage.dropped(Reason.IGNORED_INTERFACE)).isPositive();
            assertThat(capture.stage.snapshot().drops()).containsOnlyKeys(Reason.IGNORED_INTERFACE);
        }
    }

    @Test
    void libpcapOnAnyWithoutIgnoringCapturesLoopback() throws Exception {
        CaptureRights.assumeLibpcap();
        try (LoopbackServer server = LoopbackServer.start(V4);
             LiveCapture capture = new LiveCapture(config(server.port(), CaptureEngine.LIBPCAP, List.of()));
             RawClient client = new RawClient(server.address())) {
            List<RawClient.Exchange> sent = List.of(client.send(RawClient.get("/kept/libpcap")));
            List<Message> got = capture.awaitThenStop(2);
            capture.assertExactly(sent, got, true);
        }
    }

    @Test
    void anUnknownInterfaceOrIgnoringTheOnlyOneIsOneLine() {
        assertThatThrownBy(() -> new LiveCapture(config(8080, CaptureEngine.AF_PACKET, List.of("nosuch9"))))
                .isInstanceOf(IOException.class)
                .hasMessage("--input-raw-ignore-interface nosuch9: no such network interface");
        assertThatThrownBy(() -> new LiveCapture(RawInputConfig.of("lo:8080", CaptureEngine.AF_PACKET, true)
                .withIgnoreInterfaces(List.of("lo"))))
                .isInstanceOf(IOException.class)
                .hasMessage("--input-raw-ignore-interface lo: --input-raw lo:8080 captures on lo alone; nothing would be captured");
    }
}
