package dev.shadowtap.demo;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficMixTest {
    private static final TrafficMix.Config CONFIG = new TrafficMix.Config(600, 4, 7, 0);

    @Test
    void theSameSeedPlansTheSameTrafficAndAnotherSeedOtherTraffic() {
        List<PlannedRequest> plan = new TrafficMix(CONFIG).plan();
        assertThat(new TrafficMix(CONFIG).plan()).isEqualTo(plan);
        assertThat(new TrafficMix(new TrafficMix.Config(600, 4, 8, 0)).plan()).isNotEqualTo(plan);
        assertThat(plan).hasSize(600);
        for (int i = 0; i < plan.size(); i++) {
            assertThat(plan.get(i).connection()).isEqualTo(i % 4);
        }
    }

    @Test
    void theMixHasEveryKindOfRequestAndSomeRepeats() {
        List<PlannedRequest> plan = new TrafficMix(CONFIG).plan();
        Map<String, Predicate<PlannedRequest>> kinds = Map.of(
                "product page", r -> r.target().matches("/api/products/\\d+"),
                "unknown product", r -> r.target().matches("/api/products/\\d+")
                        && Integer.parseInt(r.target().substring(14)) > ShopData.PRODUCTS,
                "listing", r -> r.target().startsWith("/api/products?"),
                "user", r -> r.target().startsWith("/api/users/"),
                "order", r -> r.method().equals("POST") && r.body().startsWith("{\"user_id\":"),
                "health", r -> r.target().equals("/api/health"),
                "missing path", r -> r.target().equals("/api/cart") || r.target().equals("/favicon.ico")
                        || r.target().equals("/admin"));
        kinds.forEach((kind, test) -> assertThat(plan.stream().filter(test).count()).as(kind).isGreaterThan(5));
        assertThat(plan.stream().filter(kinds.get("product page")).count()).isGreaterThan(150);
        Set<String> seen = new HashSet<>();
        long repeats = plan.stream().filter(r -> !seen.add(r.method() + " " + r.target() + " " + r.body())).count();
        assertThat(repeats).isGreaterThan(30);
    }

    @Test
    void theRawRequestsAreWellFormedHttp() {
        PlannedRequest order = new TrafficMix(CONFIG).plan().stream().filter(r -> r.method().equals("POST"))
                .findFirst().orElseThrow();
        String text = new String(order.bytes("127.0.0.1:9"), StandardCharsets.UTF_8);
        assertThat(text).startsWith("POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1:9\r\n")
                .contains("Content-Length: " + order.body().length() + "\r\n")
                .endsWith("\r\n\r\n" + order.body());
    }

    /** Over real keep-alive sockets: every request is answered, the recorder sees the exact bytes sent. */
    @Test
    void runningTheMixSendsEveryRequestOverKeepAliveConnections() throws Exception {
        TrafficMix mix = new TrafficMix(new TrafficMix.Config(300, 3, 11, 1));
        List<byte[]> requests = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        try (DemoService service = DemoService.start(ServiceVersion.V1)) {
            TrafficMix.Result result = mix.run(service.address(), (request, requestNs, response, responseNs) -> {
                synchronized (requests) {
                    requests.add(request);
                    responses.add(new String(response, StandardCharsets.UTF_8));
                    latencies.add(responseNs - requestNs);
                }
            }, Clock.systemUTC());
            assertThat(result.sent()).isEqualTo(300);
            assertThat(result.statuses().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
            assertThat(result.statuses()).containsKeys(200, 201, 404);
            assertThat(service.requestsServed()).isEqualTo(300);
            String host = "127.0.0.1:" + service.port();
            assertThat(requests).hasSize(300);
            Set<String> planned = new HashSet<>();
            mix.plan().forEach(r -> planned.add(new String(r.bytes(host), StandardCharsets.UTF_8)));
            requests.forEach(r -> assertThat(planned).contains(new String(r, StandardCharsets.UTF_8)));
            assertThat(responses).allSatisfy(r -> assertThat(r).startsWith("HTTP/1.1 ").contains("\"generated_at\":"));
            assertThat(latencies).allSatisfy(l -> assertThat(l).isNotNegative());
        }
    }
}
