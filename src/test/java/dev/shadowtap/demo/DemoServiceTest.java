package dev.shadowtap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Both versions of the demo shop on real sockets, asked over real HTTP. */
class DemoServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoService v1;
    private static DemoService v2;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        v1 = DemoService.start(ServiceVersion.V1);
        v2 = DemoService.start(ServiceVersion.V2);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        v1.close();
        v2.close();
    }

    private record Answer(int status, JsonNode body, String requestId, String contentType) {
        /** The body without its volatile field. */
        JsonNode stable() {
            ObjectNode copy = body.deepCopy();
            copy.remove("generated_at");
            return copy;
        }
    }

    private static Answer get(DemoService service, String target) throws Exception {
        return send(service, HttpRequest.newBuilder(uri(service, target)).GET());
    }

    private static Answer post(DemoService service, String target, String body) throws Exception {
        return send(service, HttpRequest.newBuilder(uri(service, target))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static URI uri(DemoService service, String target) {
        return URI.create("http://127.0.0.1:" + service.port() + target);
    }

    private static Answer send(DemoService service, HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("X-Request-Id").orElse(null),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void everyEndpointAnswersJsonWithAVolatileTimestampAndRequestId() throws Exception {
        Instant before = Clock.systemUTC().instant();
        Answer health = get(v1, "/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).isEqualTo("application/json");
        assertThat(health.body().path("status").asText()).isEqualTo("ok");
        assertThat(Instant.parse(health.body().path("generated_at").asText())).isAfterOrEqualTo(before);
        Answer again = get(v1, "/api/health");
        assertThat(health.requestId()).isNotBlank().isNotEqualTo(again.requestId());
        assertThat(again.stable()).isEqualTo(health.stable());

        Answer product = get(v1, "/api/products/7");
        assertThat(product.status()).isEqualTo(200);
        assertThat(product.body().path("id").asInt()).isEqualTo(7);
        assertThat(product.body().path("name").asText()).isEqualTo(ShopData.product(7).orElseThrow().name());
        assertThat(product.body().path("price").decimalValue())
                .isEqualByComparingTo(ShopData.product(7).orElseThrow().grossPrice());

        Answer page = get(v1, "/api/products?category=books&page=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("items")).hasSize(ShopApi.PAGE_SIZE);
        assertThat(page.body().path("total").asInt()).isEqualTo(ShopData.products("books").size());
        page.body().path("items").forEach(item ->
                assertThat(ShopData.product(item.path("id").asInt()).orElseThrow().category()).isEqualTo("books"));
        assertThat(get(v1, "/api/products?category=socks").status()).isEqualTo(400);

        Answer user = get(v1, "/api/users/12");
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.body().path("email").asText()).endsWith("@example.com");
        assertThat(get(v1, "/api/users/" + (ShopData.USERS + 1)).status()).isEqualTo(404);
        assertThat(get(v1, "/api/products/" + (ShopData.PRODUCTS + 1)).status()).isEqualTo(404);
        Answer missing = get(v1, "/api/cart");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("path").asText()).isEqualTo("/api/cart");
        assertThat(get(v1, "/api/orders").status()).isEqualTo(405);
    }

    @Test
    void anOrderIsPricedAndItsIdDerivedFromTheBody() throws Exception {
        String body = "{\"user_id\":3,\"items\":[{\"product_id\":5,\"quantity\":2},{\"product_id\":6,\"quantity\":1}]}";
        Answer first = post(v1, "/api/orders", body);
        Answer second = post(v1, "/api/orders", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("order_id").asText()).matches("ord-[0-9a-f]{8}");
        assertThat(second.stable()).isEqualTo(first.stable());
        BigDecimal expected = ShopData.product(5).orElseThrow().grossPrice().multiply(BigDecimal.TWO)
                .add(ShopData.product(6).orElseThrow().grossPrice());
        assertThat(first.body().path("total").decimalValue()).isEqualByComparingTo(expected);
        assertThat(post(v1, "/api/orders", "{not json").status()).isEqualTo(400);
        assertThat(post(v1, "/api/orders", "{\"user_id\":999,\"items\":[{\"product_id\":1,\"quantity\":1}]}").status())
                .isEqualTo(422);
    }

    /** The one regression: the product page's price of electronics, tax applied twice; nothing else. */
    @Test
    void v2DiffersFromV1OnlyInTheProductPagePriceOfElectronics() throws Exception {
        List<String> targets = new ArrayList<>(List.of("/api/health", "/api/users/1", "/api/users/80", "/api/users/81",
                "/api/products?page=3", "/api/nothing", "/api/products/0"));
        ShopData.CATEGORIES.forEach(c -> targets.add("/api/products?category=" + c + "&page=1"));
        for (String target : targets) {
            Answer a = get(v1, target);
            Answer b = get(v2, target);
            assertThat(b.status()).as(target).isEqualTo(a.status());
            assertThat(b.stable()).as(target).isEqualTo(a.stable());
        }
        String order = "{\"user_id\":9,\"items\":[{\"product_id\":1,\"quantity\":3}]}"; // product 1 is electronics
        assertThat(ShopData.product(1).orElseThrow().category()).isEqualTo(ShopData.REGRESSED_CATEGORY);
        assertThat(post(v2, "/api/orders", order).stable()).isEqualTo(post(v1, "/api/orders", order).stable());

        int regressed = 0;
        for (int id = 1; id <= ShopData.PRODUCTS; id++) {
            Answer a = get(v1, "/api/products/" + id);
            Answer b = get(v2, "/api/products/" + id);
            assertThat(b.status()).isEqualTo(200);
            ObjectNode aWithoutPrice = (ObjectNode) a.stable();
            ObjectNode bWithoutPrice = (ObjectNode) b.stable();
            BigDecimal priceA = aWithoutPrice.remove("price").decimalValue();
            BigDecimal priceB = bWithoutPrice.remove("price").decimalValue();
            assertThat(bWithoutPrice).isEqualTo(aWithoutPrice);
            if (a.body().path("category").asText().equals(ShopData.REGRESSED_CATEGORY)) {
                regressed++;
                assertThat(priceB).isEqualByComparingTo(priceA.multiply(new BigDecimal("1.20"))
                        .setScale(2, java.math.RoundingMode.HALF_UP));
            } else {
                assertThat(priceB).as("product " + id).isEqualByComparingTo(priceA);
            }
        }
        assertThat(regressed).isEqualTo(ShopData.PRODUCTS / ShopData.CATEGORIES.size());
    }

    @Test
    void theServiceCountsEveryRequestItAnswered() throws Exception {
        try (DemoService service = DemoService.start(ServiceVersion.V1)) {
            get(service, "/api/health");
            get(service, "/missing");
            post(service, "/api/orders", "{}");
            assertThat(service.requestsServed()).isEqualTo(3);
        }
    }
}
