package dev.shadowtap.compare.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TimestampProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A shop's messages described at run time (no protoc) and built with protobuf-java's DynamicMessage:
 * the bytes under test are written by the real library. Order: id=1 string, customer=2 int64,
 * items=3 repeated Item, total=4 double, created=5 Timestamp, code=6 fixed32, token=7 bytes,
 * delta=8 sint64, ratio=9 float, paid=10 bool, tags=11 repeated int32 (packed), address=12 Address.
 * Item: sku=1 string, qty=2 int32, price=3 double. Address: city=1 string, zip=2 string.
 */
public final class ShopProto {
    public final Descriptors.Descriptor order;
    public final Descriptors.Descriptor item;
    public final Descriptors.Descriptor address;

    public ShopProto() {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("shop.proto").setPackage("shop.v1")
                .setSyntax("proto3").addDependency("google/protobuf/timestamp.proto")
                .addMessageType(DescriptorProto.newBuilder().setName("Item")
                        .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, false, null))
                        .addField(field("qty", 2, FieldDescriptorProto.Type.TYPE_INT32, false, null))
                        .addField(field("price", 3, FieldDescriptorProto.Type.TYPE_DOUBLE, false, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("Address")
                        .addField(field("city", 1, FieldDescriptorProto.Type.TYPE_STRING, false, null))
                        .addField(field("zip", 2, FieldDescriptorProto.Type.TYPE_STRING, false, null)))
                .addMessageType(DescriptorProto.newBuilder().setName("Order")
                        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, false, null))
                        .addField(field("customer", 2, FieldDescriptorProto.Type.TYPE_INT64, false, null))
                        .addField(field("items", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".shop.v1.Item"))
                        .addField(field("total", 4, FieldDescriptorProto.Type.TYPE_DOUBLE, false, null))
                        .addField(field("created", 5, FieldDescriptorProto.Type.TYPE_MESSAGE, false,
                                ".google.protobuf.Timestamp"))
                        .addField(field("code", 6, FieldDescriptorProto.Type.TYPE_FIXED32, false, null))
                        .addField(field("token", 7, FieldDescriptorProto.Type.TYPE_BYTES, false, null))
                        .addField(field("delta", 8, FieldDescriptorProto.Type.TYPE_SINT64, false, null))
                        .addField(field("ratio", 9, FieldDescriptorProto.Type.TYPE_FLOAT, false, null))
                        .addField(field("paid", 10, FieldDescriptorProto.Type.TYPE_BOOL, false, null))
                        .addField(field("tags", 11, FieldDescriptorProto.Type.TYPE_INT32, true, null))
                        .addField(field("address", 12, FieldDescriptorProto.Type.TYPE_MESSAGE, false, ".shop.v1.Address")))
                .build();
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(file,
                    new Descriptors.FileDescriptor[] {TimestampProto.getDescriptor()});
            order = fd.findMessageTypeByName("Order");
            item = fd.findMessageTypeByName("Item");
            address = fd.findMessageTypeByName("Address");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, boolean repeated,
                                              String typeName) {
        FieldDescriptorProto.Builder b = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        return typeName == null ? b.build() : b.setTypeName(typeName).build();
    }

    public DynamicMessage.Builder order() {
        return DynamicMessage.newBuilder(order);
    }

    public DynamicMessage item(String sku, int qty, double price) {
        return DynamicMessage.newBuilder(item).setField(item.findFieldByName("sku"), sku)
                .setField(item.findFieldByName("qty"), qty).setField(item.findFieldByName("price"), price).build();
    }

    public DynamicMessage address(String city, String zip) {
        return DynamicMessage.newBuilder(address).setField(address.findFieldByName("city"), city)
                .setField(address.findFieldByName("zip"), zip).build();
    }

    /** Sets an Order field by name. */
    public DynamicMessage.Builder set(DynamicMessage.Builder b, String name, Object value) {
        return b.setField(order.findFieldByName(name), value);
    }

    public static Timestamp timestamp(long seconds, int nanos) {
        return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    /** An order whose values (and which fields are set) come from {@code random}. */
    public DynamicMessage randomOrder(Random random) {
        DynamicMessage.Builder b = order();
        if (random.nextBoolean()) {
            set(b, "id", "ord-" + random.nextInt(100_000));
        }
        if (random.nextBoolean()) {
            set(b, "customer", random.nextLong());
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            b.addRepeatedField(order.findFieldByName("items"),
                    item("sku-" + random.nextInt(50), random.nextInt(10), random.nextInt(10_000) / 100.0));
        }
        if (random.nextBoolean()) {
            set(b, "total", random.nextDouble() * 1000);
        }
        if (random.nextBoolean()) {
            set(b, "created", timestamp(1_790_000_000L + random.nextInt(10_000_000), random.nextInt(1_000_000_000)));
        }
        if (random.nextBoolean()) {
            set(b, "code", random.nextInt());
        }
        if (random.nextBoolean()) {
            byte[] token = new byte[1 + random.nextInt(20)];
            random.nextBytes(token);
            set(b, "token", ByteString.copyFrom(token));
        }
        if (random.nextBoolean()) {
            set(b, "delta", (long) random.nextInt() - Integer.MAX_VALUE / 2);
        }
        if (random.nextBoolean()) {
            set(b, "ratio", random.nextFloat());
        }
        if (random.nextBoolean()) {
            set(b, "paid", true);
        }
        for (int i = random.nextInt(5); i > 0; i--) {
            b.addRepeatedField(order.findFieldByName("tags"), random.nextInt(1000) - 500);
        }
        if (random.nextBoolean()) {
            set(b, "address", address("city-" + random.nextInt(99), String.valueOf(10_000 + random.nextInt(89_999))));
        }
        return b.build();
    }

    /**
     * The message's fields written one field number at a time, the field numbers in a random order, and
     * so inside nested messages: the same message for protobuf (each number's values keep their order).
     */
    public static byte[] shuffled(DynamicMessage message, Random random) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        for (Map.Entry<Descriptors.FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            Descriptors.FieldDescriptor fd = e.getKey();
            if (fd.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                CodedOutputStream coded = CodedOutputStream.newInstance(out);
                List<?> values = fd.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
                for (Object v : values) {
                    DynamicMessage nested = v instanceof DynamicMessage d ? d
                            : DynamicMessage.newBuilder(fd.getMessageType()).mergeFrom((com.google.protobuf.Message) v).build();
                    coded.writeBytes(fd.getNumber(), ByteString.copyFrom(shuffled(nested, random)));
                }
                coded.flush();
                chunks.add(out.toByteArray());
            } else {
                chunks.add(DynamicMessage.newBuilder(message.getDescriptorForType()).setField(fd, e.getValue()).build()
                        .toByteArray());
            }
        }
        Collections.shuffle(chunks, random);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
