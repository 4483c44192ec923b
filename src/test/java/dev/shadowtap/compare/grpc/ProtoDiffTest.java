package dev.shadowtap.compare.grpc;

import com.google.protobuf.DynamicMessage;
import dev.shadowtap.compare.Difference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Differences of two protobuf messages, named by their paths of field numbers. */
class ProtoDiffTest {
    private final ShopProto shop = new ShopProto();

    private static List<String> diff(byte[] a, byte[] b) {
        List<Difference> out = new ArrayList<>();
        ProtoDiff.diff("$", ProtoReader.parse(a), ProtoReader.parse(b), out);
        return out.stream().map(d -> d.path() + " " + d.kind().label() + " " + d.reference() + " -> " + d.candidate())
                .toList();
    }

    /** The same message with its fields written in any order, nested ones too: no difference. */
    @Property(tries = 300)
    void anyFieldOrderGivesNoDifference(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        DynamicMessage order = shop.randomOrder(random);
        byte[] shuffled = ShopProto.shuffled(order, random);
        assertThat(DynamicMessage.parseFrom(shop.order, shuffled)).as("protobuf-java reads the same message")
                .isEqualTo(order);

        assertThat(diff(order.toByteArray(), shuffled)).isEmpty();
    }

    /** proto3 leaves zeros out; a sender that writes them explicitly sends the same message. */
    @Test
    void explicitDefaultsEqualOmittedFields() throws IOException {
        DynamicMessage order = shop.set(shop.order(), "id", "ord-1").build();
        byte[] withZeros = ProtoReaderTest.written(c -> {
            c.writeString(1, "ord-1");
            c.writeInt64(2, 0);
            c.writeDouble(4, 0.0);
            c.writeFixed32(6, 0);
            c.writeBytes(7, com.google.protobuf.ByteString.EMPTY);
            c.writeBool(10, false);
        });
        assertThat(DynamicMessage.parseFrom(shop.order, withZeros)).isEqualTo(order);

        assertThat(diff(order.toByteArray(), withZeros)).isEmpty();
        assertThat(diff(withZeros, shop.set(shop.order(), "id", "ord-1").build().toByteArray())).isEmpty();
        // a value that is not a default is missed
        DynamicMessage paid = shop.set(shop.set(shop.order(), "id", "ord-1"), "paid", true).build();
        assertThat(diff(paid.toByteArray(), order.toByteArray())).containsExactly("$.10 missing 1 -> ");
        assertThat(diff(paid.toByteArray(), withZeros)).containsExactly("$.10 changed 1 -> 0");
    }

    @Test
    void aChangedNestedFieldIsNamedByItsPathOfFieldNumbers() {
        DynamicMessage.Builder base = shop.set(shop.order(), "id", "ord-9");
        DynamicMessage a = base.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 1, 2.5))
                .addRepeatedField(shop.order.findFieldByName("items"), shop.item("b", 2, 4.0))
                .setField(shop.order.findFieldByName("address"), shop.address("Lyon", "69001")).build();
        DynamicMessage b = base.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 1, 2.5))
                .addRepeatedField(shop.order.findFieldByName("items"), shop.item("b", 2, 4.5))
                .setField(shop.order.findFieldByName("address"), shop.address("Paris", "69001")).build();

        assertThat(diff(a.toByteArray(), b.toByteArray()))
                .containsExactly("$.3[1].3 changed 4.0 -> 4.5", "$.12.1 changed \"Lyon\" -> \"Paris\"");

        DynamicMessage one = base.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 1, 2.5)).build();
        DynamicMessage other = base.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 3, 2.5)).build();
        assertThat(diff(one.toByteArray(), other.toByteArray())).as("a field once on both sides has no index")
                .containsExactly("$.3.2 changed 1 -> 3");
    }

    @Test
    void repeatedFieldsCompareByIndexLengthAndOrder() {
        DynamicMessage abc = tags(1, 2, 3);
        assertThat(diff(abc.toByteArray(), tags(3, 2, 1).toByteArray())).as("a packed array is one value")
                .containsExactly("$.11 changed 010203 -> 030201");
        DynamicMessage.Builder items = shop.order();
        DynamicMessage x = items.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 1, 1))
                .addRepeatedField(shop.order.findFieldByName("items"), shop.item("b", 1, 1)).build();
        DynamicMessage y = items.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("b", 1, 1))
                .addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 1, 1)).build();
        DynamicMessage z = items.clone().addRepeatedField(shop.order.findFieldByName("items"), shop.item("a", 1, 1))
                .addRepeatedField(shop.order.findFieldByName("items"), shop.item("b", 1, 1))
                .addRepeatedField(shop.order.findFieldByName("items"), shop.item("c", 1, 1)).build();
        assertThat(diff(x.toByteArray(), y.toByteArray())).singleElement().asString().startsWith("$.3 order ");
        assertThat(diff(x.toByteArray(), z.toByteArray())).containsExactly("$.3 length 2 -> 3");
    }

    private DynamicMessage tags(int... values) {
        DynamicMessage.Builder b = shop.order();
        for (int v : values) {
            b.addRepeatedField(shop.order.findFieldByName("tags"), v);
        }
        return b.build();
    }

    @Test
    void aTimestampMessageIsShownAsOneInstant() {
        DynamicMessage a = shop.set(shop.order(), "created", ShopProto.timestamp(1_796_000_000L, 123_000_000)).build();
        DynamicMessage b = shop.set(shop.order(), "created", ShopProto.timestamp(1_796_000_007L, 0)).build();
        assertThat(diff(a.toByteArray(), b.toByteArray()))
                .containsExactly("$.5 changed \"" + java.time.Instant.ofEpochSecond(1_796_000_000L, 123_000_000) + "\" -> \""
                        + java.time.Instant.ofEpochSecond(1_796_000_007L) + "\"");
    }

    @Test
    void aChangedWireTypeIsATypeDifference() throws IOException {
        byte[] a = ProtoReaderTest.written(c -> c.writeInt32(2, 7));
        byte[] b = ProtoReaderTest.written(c -> c.writeString(2, "7"));
        assertThat(diff(a, b)).containsExactly("$.2 type 7 -> \"7\"");
    }
}
