package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.shadowtap.io.raw.ExchangeFrames.get;
import static dev.shadowtap.io.raw.ExchangeFrames.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live 802.1Q traffic on a veth pair: two HTTP exchanges, on VLAN 10 and VLAN 20, written raw onto
 * one end and captured on the other, where the kernel has moved each tag into the frame's metadata.
 * AF_PACKET reads it from tp_vlan_tci (TP_STATUS_VLAN_VALID) and libpcap puts it back in the frame;
 * either way the raw input selects by it.
 */
class RawInputLiveVlanTest {
    private static VethPair veth;

    @BeforeAll
    static void needsRootAndAVethPair() throws Exception {
        CaptureRights.assumeCanCapture();
        veth = VethPair.create();
    }

    @AfterAll
    static void removeTheVethPair() {
        if (veth != null) {
            veth.close();
        }
    }

    private static List<byte[]> twoVlans(String tag) {
        List<byte[]> ten = new ExchangeFrames(40010, 0x8100, 10).client(get("/ten/" + tag)).server(ok("ten " + tag)).close().frames;
        List<byte[]> twenty = new ExchangeFrames(40020, 0x8100, 20).client(get("/twenty/" + tag)).server(ok("twenty " + tag))
                .close().frames;
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < ten.size(); i++) {
            all.add(ten.get(i));
            all.add(twenty.get(i));
        }
        return all;
    }

    private static RawInputConfig config(CaptureEngine engine) {
        return RawInputConfig.of(veth.receiver + ":" + ExchangeFrames.SERVER_PORT, engine, true);
    }

    private static void vid10Only(CaptureEngine engine) throws Exception {
        String tag = engine.name().toLowerCase();
        try (LiveCapture capture = new LiveCapture(config(engine).withVlan(true, Set.of(10)))) {
            veth.send(twoVlans(tag));
            List<Message> got = capture.awaitThenStop(2);
            assertThat(got).extracting(m -> m.type() + " " + new String(m.payload(), StandardCharsets.ISO_8859_1))
                    .containsExactly(MessageType.REQUEST + " " + get("/ten/" + tag), MessageType.RESPONSE + " " + ok("ten " + tag));
            assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
            assertThat(capture.stage.snapshot().drops()).isEqualTo(Map.of(Reason.VLAN_NOT_SELECTED, 8L));
        }
    }

    @Test
    void afPacketTakesTheTagTheKernelStrippedAndKeepsOnlyVlan10() throws Exception {
        vid10Only(CaptureEngine.AF_PACKET);
    }

    @Test
    void libpcapKeepsOnlyVlan10() throws Exception {
        CaptureRights.assumeLibpcap();
        vid10Only(CaptureEngine.LIBPCAP);
    }

    @Test
    void withoutVlanTheTaggedFramesAreCountedNotCaptured() throws Exception {
        try (LiveCapture capture = new LiveCapture(config(CaptureEngine.AF_PACKET))) {
            veth.send(twoVlans("untagged-capture"));
            Thread.sleep(300);
            assertThat(capture.awaitThenStop(0)).isEmpty();
            assertThat(capture.stage.snapshot().drops()).isEqualTo(Map.of(Reason.VLAN_TAGGED, 16L));
        }
    }
}
