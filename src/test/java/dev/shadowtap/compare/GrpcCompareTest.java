package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import dev.shadowtap.compare.grpc.ShopProto;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Stats;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import static dev.shadowtap.compare.ReportJson.endpoint;
import static dev.shadowtap.compare.ReportJson.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recorded gRPC service (requests and original responses as HTTP/2 capture writes them) and the
 * answers of a replay (in the same form) compared through the compare output, with its reports: a
 * version whose reply differs in one protobuf field fails the gate, named by method and field; the
 * same version passes, its timestamp field classed as noise (by shape) and a field that changes on
 * every answer learned as noise from two originals to one request.
 */
class GrpcCompareTest {
    private static final String GET = "/shop.v1.OrderService/GetOrder";
    private static final String LIST = "/shop.v1.OrderService/ListOrders";
    private final ShopProto shop = new ShopProto();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> logged = new ArrayList<>();
    private final Random load = new Random(7);
    @TempDir
    Path dir;

    /** What one version of the service answers for order {@code n} at {@code nowSeconds}. */
    private DynamicMessage order(int n, boolean wrongTotal, long nowSeconds) {
        DynamicMessage.Builder b = shop.set(shop.set(shop.order(), "id", "o-" + n), "customer", 1000L + n);
        b.addRepeatedField(shop.order.findFieldByName("items"), shop.item("sku-" + n, n, 2.5 * n));
        shop.set(b, "total", wrongTotal ? 2.5 * n * n + 1 : 2.5 * n * n);
        shop.set(b, "created", ShopProto.timestamp(nowSeconds, load.nextInt(1_000_000_000)));
        shop.set(b, "delta", (long) load.nextInt(50)); // the replica's load: changes on every answer
        return shop.set(b, "address", shop.address("Lyon", "6900" + n)).build();
    }

    private static byte[] getRequest(String id) {
        return H2Grpc.request(GET, H2Grpc.frames(H2Grpc.concat(new byte[] {0x0a, (byte) id.length()}, H2Grpc.ascii(id))));
    }

    /** The records of one run: per call its request, the original answer and the replayed one. */
    private List<Message> run(boolean v2Bugs) {
        List<Message> records = new ArrayList<>();
        long capture = System.currentTimeMillis() / 1000 - 3600;
        long replay = System.currentTimeMillis() / 1000;
        int id = 0;
        int[] orders = {1, 2, 3, 4, 5, 6, 1, 1, 2};
        for (int n : orders) {
            byte[] original = H2Grpc.response(null, H2Grpc.frames(order(n, false, capture + id).toByteArray()), "0", null);
            byte[] replayed = H2Grpc.response(null, H2Grpc.frames(order(n, v2Bugs && n % 2 == 0, replay + id).toByteArray()),
                    "0", null);
            add(records, ++id, getRequest("o-" + n), original, replayed);
        }
        add(records, ++id, getRequest("o-404"), H2Grpc.trailersOnly("5", "order o-404 not found"),
                v2Bugs ? H2Grpc.trailersOnly("13", "internal") : H2Grpc.response(null, new byte[0], "5",
                        "order o-404 not found"));
        for (int call = 0; call < 2; call++) { // a server stream of three orders, called twice
            byte[] stream = H2Grpc.frames(order(7, false, capture).toByteArray(), order(8, false, capture).toByteArray(),
                    order(9, false, capture).toByteArray());
            byte[] streamAgain = H2Grpc.frames(order(7, false, replay).toByteArray(), order(8, false, replay).toByteArray(),
                    order(9, false, replay).toByteArray());
            add(records, ++id, H2Grpc.request(LIST, H2Grpc.frames(new byte[0])), H2Grpc.response(null, stream, "0", null),
                    H2Grpc.response(null, streamAgain, "0", null));
        }
        return records;
    }

    private static void add(List<Message> records, int n, byte[] request, byte[] original, byte[] replayed) {
        String id = String.format("%024x", n);
        long ts = 1_796_000_000_000_000_000L + n * 1_000_000L;
        records.add(new Message(MessageType.REQUEST, id, ts, 0, request));
        records.add(new Message(MessageType.RESPONSE, id, ts + 800_000, 800_000, original));
        records.add(new Message(MessageType.REPLAYED, id, ts + 5_000_000, 1_200_000, replayed));
    }

    private JsonNode compare(List<Message> records, Path report) throws Exception {
        Stats stats = new Stats();
        Log log = new Log() {
            @Override
            public void warn(String line) {
                logged.add(line);
            }

            @Override
            public void info(String line) {
                logged.add(line);
            }
        };
        CompareOutput output = new CompareOutput(CompareConfig.of(report, List.of(), OptionalDouble.of(0.0), null),
                stats.stage("compare"), stats, log);
        for (Message m : records) {
            output.write(m);
        }
        output.close();
        return json.readTree(report.resolve("summary.json").toFile());
    }



    @Test
    void aVersionWhoseReplyDiffersInOneProtobufFieldFailsTheGateNamingTheMethodAndTheField() throws Exception {
        Path report = dir.resolve("v2");
        JsonNode summary = compare(run(true), report);

        assertThat(summary.get("compared").asLong()).isEqualTo(12);
        assertThat(summary.get("failed").asBoolean()).isTrue();
        assertThat(summary.get("unpaired").size()).isZero();
        JsonNode get = endpoint(summary, GET);
        assertThat(get.get("compared").asLong()).isEqualTo(10);
        assertThat(get.get("differing").asLong()).as("orders 2, 4, 6, 2 again, and o-404").isEqualTo(5);
        JsonNode total = field(get, "$.4");
        assertThat(total.get("classification").asText()).isEqualTo("difference");
        assertThat(total.get("differences").asLong()).isEqualTo(4);
        assertThat(total.get("examples").get(0).get("reference").asText()).isEqualTo("10.0");
        assertThat(total.get("examples").get(0).get("candidate").asText()).isEqualTo("11.0");
        JsonNode status = field(get, "grpc-status");
        assertThat(status.get("classification").asText()).isEqualTo("difference");
        assertThat(status.get("examples").get(0).get("reference").asText()).isEqualTo("5");
        assertThat(status.get("examples").get(0).get("candidate").asText()).isEqualTo("13");
        assertThat(field(get, "$.5").get("classification").asText()).isEqualTo("noise");
        assertThat(field(get, "$.8").get("classification").asText()).isEqualTo("noise");
        assertThat(endpoint(summary, LIST).get("differing").asLong()).isZero();

        Set<String> real = new HashSet<>();
        for (String line : Files.readAllLines(report.resolve("diffs.jsonl"))) {
            JsonNode d = json.readTree(line);
            for (JsonNode x : d.get("differences")) {
                if (!x.get("noise").asBoolean()) {
                    real.add(d.get("endpoint").asText() + " " + x.get("path").asText() + " " + x.get("kind").asText());
                }
            }
        }
        assertThat(real).contains(GET + " $.4 changed", GET + " grpc-status status");
        assertThat(logged).anySatisfy(l -> assertThat(l).startsWith("compare: " + GET + ": 5 of 10 differ")
                .contains("grpc-status 5 -> 13 (1)").contains("$.4 (4)"));
        assertThat(Files.readString(report.resolve("junit.xml"))).contains("name=\"" + GET + "\"");
    }

    @Test
    void theSameVersionPassesWithItsTimestampFieldClassedAsNoise() throws Exception {
        Path report = dir.resolve("v1");
        JsonNode summary = compare(run(false), report);

        assertThat(summary.get("compared").asLong()).isEqualTo(12);
        assertThat(summary.get("differing").asLong()).isZero();
        assertThat(summary.get("failed").asBoolean()).isFalse();
        JsonNode get = endpoint(summary, GET);
        JsonNode created = field(get, "$.5");
        assertThat(created.get("classification").asText()).isEqualTo("noise");
        assertThat(created.get("noise_share").asDouble()).isEqualTo(1.0);
        assertThat(created.get("noise_reasons").get("volatile").asLong()).isEqualTo(9);
        JsonNode replicaLoad = field(get, "$.8");
        assertThat(replicaLoad.get("classification").asText()).isEqualTo("noise");
        assertThat(replicaLoad.get("noise_share").asDouble()).isEqualTo(1.0);
        JsonNode streamed = endpoint(summary, LIST);
        assertThat(streamed.get("compared").asLong()).isEqualTo(2);
        assertThat(field(streamed, "$[*].8").get("noise_reasons").get("learned").asLong()).isEqualTo(2);
        assertThat(field(streamed, "$[*].5").get("classification").asText()).isEqualTo("noise");
        assertThat(Files.readString(report.resolve("junit.xml"))).contains("failures=\"0\"");
    }
}
