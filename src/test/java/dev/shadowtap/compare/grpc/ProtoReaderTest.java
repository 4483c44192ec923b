package dev.shadowtap.compare.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema-less reader sees what protobuf-java itself sees of bytes it wrote, and refuses what is not protobuf. */
class ProtoReaderTest {
    private final ShopProto shop = new ShopProto();

    /** protobuf-java's own schema-less view (its unknown-field parse) against ours, field number by field number. */
    @Property(tries = 300)
    void readsWhatProtobufJavaWroteAsItsOwnSchemaLessParseDoes(@ForAll long seed) throws IOException {
        DynamicMessage order = shop.randomOrder(new Random(seed));
        byte[] bytes = order.toByteArray();

        List<ProtoField> fields = ProtoReader.parse(bytes);

        assertThat(fields).isNotNull();
        UnknownFieldSet oracle = UnknownFieldSet.parseFrom(bytes);
        assertThat(fields.stream().map(ProtoField::number).distinct().sorted().toList())
                .isEqualTo(oracle.asMap().keySet().stream().sorted().toList());
        for (Map.Entry<Integer, UnknownFieldSet.Field> e : oracle.asMap().entrySet()) {
            List<ProtoField> mine = fields.stream().filter(f -> f.number() == e.getKey()).toList();
            UnknownFieldSet.Field theirs = e.getValue();
            assertThat(values(mine, ProtoField.VARINT)).isEqualTo(theirs.getVarintList());
            assertThat(values(mine, ProtoField.I64)).isEqualTo(theirs.getFixed64List());
            assertThat(values(mine, ProtoField.I32).stream().map(Long::intValue).toList())
                    .isEqualTo(theirs.getFixed32List());
            assertThat(mine.stream().filter(f -> f.wireType() == ProtoField.LEN).map(f -> ByteString.copyFrom(f.bytes())).toList())
                    .isEqualTo(theirs.getLengthDelimitedList());
        }
    }

    private static List<Long> values(List<ProtoField> fields, int wireType) {
        return fields.stream().filter(f -> f.wireType() == wireType).map(ProtoField::bits).toList();
    }

    @Test
    void nestedMessagesStringsAndBytesAreToldApart() {
        DynamicMessage order = shop.set(shop.set(shop.order(), "id", "ord-7"), "address", shop.address("Lyon", "69001"))
                .build();
        List<ProtoField> fields = ProtoReader.parse(order.toByteArray());
        ProtoField id = fields.stream().filter(f -> f.number() == 1).findFirst().orElseThrow();
        ProtoField address = fields.stream().filter(f -> f.number() == 12).findFirst().orElseThrow();
        assertThat(ProtoValues.message(id.bytes())).as("a short string that is text stays a string").isNull();
        assertThat(ProtoValues.render(id)).isEqualTo("\"ord-7\"");
        assertThat(ProtoValues.message(address.bytes())).extracting(ProtoField::number).containsExactly(1, 2);
        assertThat(ProtoValues.render(address)).isEqualTo("{1: \"Lyon\", 2: \"69001\"}");
        assertThat(ProtoValues.render(new ProtoField(7, ProtoField.LEN, 0, new byte[] {(byte) 0xff, 0, 1})))
                .isEqualTo("ff0001");
    }

    @Test
    void numbersRenderAsTheirLikelyTypes() {
        DynamicMessage order = shop.set(shop.set(shop.set(shop.set(shop.order(), "total", 12.5), "ratio", 0.25f),
                "customer", -3L), "code", 42).build();
        List<String> shown = new ArrayList<>();
        for (ProtoField f : ProtoReader.parse(order.toByteArray())) {
            shown.add(f.number() + "=" + ProtoValues.render(f));
        }
        // a fixed32 of 42 reads as no plausible float, so as the integer; a negative int64 as signed
        assertThat(shown).containsExactly("2=-3", "4=12.5", "6=42", "9=0.25");
    }

    /** Bytes that protobuf-java would not read as one message either. */
    @Test
    void whatIsNotOneCompleteMessageIsRefused() throws IOException {
        byte[] good = shop.randomOrder(new Random(5)).toByteArray();
        assertThat(ProtoReader.parse(good)).isNotNull();
        assertThat(ProtoReader.parse(java.util.Arrays.copyOf(good, good.length + 1))).as("a stray byte").isNull();
        byte[] cutString = written(c -> c.writeString(1, "hello world"));
        assertThat(ProtoReader.parse(java.util.Arrays.copyOf(cutString, cutString.length - 2))).as("cut").isNull();
        assertThat(ProtoReader.parse(written(c -> {
            c.writeTag(3, WireFormat.WIRETYPE_START_GROUP);
            c.writeTag(3, WireFormat.WIRETYPE_END_GROUP);
        }))).as("a group").isNull();
        assertThat(ProtoReader.parse(new byte[] {0x00, 0x01})).as("field number 0").isNull();
        assertThat(ProtoReader.parse(new byte[] {0x0f})).as("wire type 7").isNull();
        assertThat(ProtoReader.parse(new byte[] {0x08, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f})).as("a varint over 64 bits").isNull();
        assertThat(ProtoReader.parse(written(c -> c.writeInt64(1, -1)))).as("-1 is ten bytes, valid")
                .singleElement().extracting(ProtoField::bits).isEqualTo(-1L);
        assertThat(ProtoReader.parse(new byte[0])).as("the empty message").isEmpty();
    }

    interface Writes {
        void to(CodedOutputStream out) throws IOException;
    }

    static byte[] written(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        writes.to(coded);
        coded.flush();
        return out.toByteArray();
    }
}
