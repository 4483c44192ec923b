package dev.shadowtap.http2;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7541 Appendix C, decoded exactly: fields, dynamic table contents and sizes, with eviction; and the lenient cases. */
class HpackDecoderTest {
    private static List<HeaderField> decode(HpackDecoder d, String hex) {
        List<HeaderField> out = new ArrayList<>();
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThat(d.decode(b, 0, b.length, out)).isZero();
        return out;
    }

    private static List<HeaderField> fields(String... nameValue) {
        List<HeaderField> out = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.add(new HeaderField(nameValue[i], nameValue[i + 1]));
        }
        return out;
    }

    /** The dynamic table as (name, value) pairs, newest first, and its size. */
    private static void assertTable(HpackDecoder d, long size, String... nameValue) {
        DynamicTable t = d.table();
        List<String> got = new ArrayList<>();
        for (int i = 1; i <= t.count(); i++) {
            got.add(t.name(i) + ": " + t.value(i));
        }
        List<String> want = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            want.add(nameValue[i] + ": " + nameValue[i + 1]);
        }
        assertThat(got).containsExactlyElementsOf(want);
        assertThat(t.size()).isEqualTo(size);
    }

    @Test
    void c2FieldRepresentations() {
        HpackDecoder d = new HpackDecoder();
        assertThat(decode(d, "400a637573746f6d2d6b65790d637573746f6d2d686561646572")).isEqualTo(fields("custom-key", "custom-header"));
        assertTable(d, 55, "custom-key", "custom-header");
        HpackDecoder plain = new HpackDecoder();
        assertThat(decode(plain, "040c2f73616d706c652f70617468")).isEqualTo(fields(":path", "/sample/path"));
        assertThat(decode(plain, "100870617373776f726406736563726574")).isEqualTo(fields("password", "secret"));
        assertThat(decode(plain, "82")).isEqualTo(fields(":method", "GET"));
        assertTable(plain, 0);
    }

    private static final String[] C3 = {"828684410f7777772e6578616d706c652e636f6d", "828684be58086e6f2d6361636865",
            "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"};
    private static final String[] C4 = {"828684418cf1e3c2e5f23a6ba0ab90f4ff", "828684be5886a8eb10649cbf",
            "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"};

    @Test
    void c3AndC4RequestsWithoutAndWithHuffman() {
        for (String[] blocks : new String[][]{C3, C4}) {
            HpackDecoder d = new HpackDecoder();
            assertThat(decode(d, blocks[0])).isEqualTo(fields(":method", "GET", ":scheme", "http", ":path", "/",
                    ":authority", "www.example.com"));
            assertTable(d, 57, ":authority", "www.example.com");
            assertThat(decode(d, blocks[1])).isEqualTo(fields(":method", "GET", ":scheme", "http", ":path", "/",
                    ":authority", "www.example.com", "cache-control", "no-cache"));
            assertTable(d, 110, "cache-control", "no-cache", ":authority", "www.example.com");
            assertThat(decode(d, blocks[2])).isEqualTo(fields(":method", "GET", ":scheme", "https", ":path", "/index.html",
                    ":authority", "www.example.com", "custom-key", "custom-value"));
            assertTable(d, 164, "custom-key", "custom-value", "cache-control", "no-cache", ":authority", "www.example.com");
        }
    }

    private static final String[] C5 = {
            "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d546e1768747470733a2f2f7777772e6578616d706c652e636f6d",
            "4803333037c1c0bf",
            "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076657273696f6e3d31"};
    private static final String[] C6 = {
            "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3",
            "4883640effc1c0bf",
            "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"};

    @Test
    void c5AndC6ResponsesEvictWithA256ByteTable() {
        String date1 = "Mon, 21 Oct 2013 20:13:21 GMT";
        String date2 = "Mon, 21 Oct 2013 20:13:22 GMT";
        String location = "https://www.example.com";
        String cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
        for (String[] blocks : new String[][]{C5, C6}) {
            HpackDecoder d = new HpackDecoder();
            d.settingsAcknowledged(256);
            assertThat(decode(d, blocks[0])).isEqualTo(fields(":status", "302", "cache-control", "private", "date", date1,
                    "location", location));
            assertTable(d, 222, "location", location, "date", date1, "cache-control", "private", ":status", "302");
            assertThat(decode(d, blocks[1])).isEqualTo(fields(":status", "307", "cache-control", "private", "date", date1,
                    "location", location));
            assertTable(d, 222, ":status", "307", "location", location, "date", date1, "cache-control", "private");
            assertThat(decode(d, blocks[2])).isEqualTo(fields(":status", "200", "cache-control", "private", "date", date2,
                    "location", location, "content-encoding", "gzip", "set-cookie", cookie));
            assertTable(d, 215, "set-cookie", cookie, "content-encoding", "gzip", "date", date2);
        }
    }

    @Test
    void aSizeUpdateInTheBlockResizesAndEvicts() {
        HpackDecoder d = new HpackDecoder();
        decode(d, C3[0]);
        decode(d, C3[1]);
        assertThat(decode(d, "3f19" + "82")).isEqualTo(fields(":method", "GET")); // size update to 56: the newest (53) fits
        assertTable(d, 53, "cache-control", "no-cache");
        assertThat(d.table().maxSize()).isEqualTo(56);
        assertThat(decode(d, "20")).isEmpty();
        assertTable(d, 0);
    }

    @Test
    void anUnseenEntryIsAPlaceholderNeverAnErrorAndNewEntriesAreKnown() {
        HpackDecoder d = new HpackDecoder();
        d.forget(); // joined mid-connection
        List<HeaderField> out = new ArrayList<>();
        byte[] second = HexFormat.of().parseHex(C3[1]); // refers to :authority (62), which this decoder never saw
        assertThat(d.decode(second, 0, second.length, out)).isEqualTo(1);
        assertThat(out.get(3)).isEqualTo(HeaderField.unknown(""));
        assertThat(out.get(4)).isEqualTo(new HeaderField("cache-control", "no-cache"));
        out.clear();
        byte[] third = HexFormat.of().parseHex(C3[2]); // bf: index 63 is now cache-control's old neighbour, unseen
        assertThat(d.decode(third, 0, third.length, out)).isEqualTo(1);
        assertThat(out.get(3).known()).isFalse();
        assertThat(out.get(4)).isEqualTo(new HeaderField("custom-key", "custom-value"));
        assertThat(d.table().name(1)).isEqualTo("custom-key");
        assertThat(d.table().name(2)).isEqualTo("cache-control");
        assertThat(d.table().complete()).isFalse();
    }

    @Test
    void aLiteralWithAnUnseenIndexedNameKeepsItsValueUnderThePlaceholderName() {
        HpackDecoder d = new HpackDecoder();
        d.forget();
        List<HeaderField> out = new ArrayList<>();
        byte[] b = HexFormat.of().parseHex("7f0003616263" + "be"); // literal, name index 62+1=63 unseen, value "abc"; then 62
        assertThat(d.decode(b, 0, b.length, out)).isEqualTo(2);
        assertThat(out).containsExactly(HeaderField.unknown("abc"), HeaderField.unknown("abc"));
    }

    @Test
    void aMalformedBlockIsReportedAndForgetsTheTable() {
        HpackDecoder d = new HpackDecoder();
        decode(d, C3[0]);
        List<HeaderField> out = new ArrayList<>();
        byte[] cut = HexFormat.of().parseHex("410f7777"); // string longer than the block
        assertThat(d.decode(cut, 0, cut.length, out)).isEqualTo(HpackDecoder.MALFORMED);
        byte[] eos = HexFormat.of().parseHex("0085f2b24a84ff874951fffffffa7f"); // EOS inside a Huffman string (h2spec)
        assertThat(d.decode(eos, 0, eos.length, out)).isEqualTo(HpackDecoder.MALFORMED);
        assertThat(d.table().complete()).isFalse();
        assertThat(d.table().count()).isZero();
    }

    @Test
    void huffmanDecodesAndRejectsOverlongPadding() {
        // "www.example.com" and the padding rules: 8 one-bits of padding are too many
        byte[] coded = HexFormat.of().parseHex("f1e3c2e5f23a6ba0ab90f4ff");
        byte[] out = new byte[64];
        int n = Huffman.decode(coded, 0, coded.length, out, 0);
        assertThat(new String(out, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("www.example.com");
        byte[] overPadded = HexFormat.of().parseHex("f1e3c2e5f23a6ba0ab90f4ffff");
        assertThat(Huffman.decode(overPadded, 0, overPadded.length, out, 0)).isEqualTo(-1);
    }
}
