package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VlanTagTest {
    @Test
    void putsTheTagBackAfterBothMacAddresses() {
        byte[] ring = new byte[40];
        int off = 5;
        for (int i = 0; i < 20; i++) {
            ring[off + i] = (byte) (i + 1); // MACs 1..12, EtherType 13,14, payload 15..20
        }
        byte[] tagged = VlanTag.reinsert(ring, off, 20, 0x8100, 0x2064);
        assertThat(tagged).hasSize(24);
        assertThat(tagged).startsWith(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, (byte) 0x81, 0x00, 0x20, 0x64, 13, 14, 15});
        assertThat(tagged[23]).isEqualTo((byte) 20);
    }
}
