package dev.shadowtap.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A realistic mix of shop traffic, the same for the same seed: product pages (popular ids more
 * often, a few unknown ones), category listings, user profiles, JSON orders, health checks, paths
 * that do not exist, and some requests repeated word for word. {@link #run} sends it over several
 * keep-alive connections at once.
 */
public final class TrafficMix {
    /** How many requests, over how many connections, from which seed, with at most which pause between two requests on one connection. */
    public record Config(int requests, int connections, long seed, int maxPauseMillis) {
        public Config {
            if (requests < 1 || connections < 1 || maxPauseMillis < 0) {
                throw new IllegalArgumentException("requests and connections must be positive, the pause not negative");
            }
        }
    }

    /** What a run sent: requests per connection and the statuses answered. */
    public record Result(int sent, Map<Integer, Integer> statuses) {
    }

    private static final String[] MISSING_PATHS = {"/api/cart", "/favicon.ico", "/api/v1/products/3", "/admin",
        "/api/products/12/reviews"};

    private final Config config;
    private final List<PlannedRequest> plan;

    public TrafficMix(Config config) {
        this.config = config;
        this.plan = plan(config);
    }

    /** Every request in the order the plan made them; each connection sends its own in this order. */
    public List<PlannedRequest> plan() {
        return plan;
    }

    private static List<PlannedRequest> plan(Config config) {
        SplittableRandom random = new SplittableRandom(config.seed());
        List<PlannedRequest> requests = new ArrayList<>(config.requests());
        for (int i = 0; i < config.requests(); i++) {
            int connection = i % config.connections();
            if (requests.size() > 10 && random.nextInt(100) < 8) {
                // a client asking again for what it (or another one) just asked for
                PlannedRequest earlier = requests.get(requests.size() - 1 - random.nextInt(10));
                requests.add(earlier.on(connection));
                continue;
            }
            requests.add(fresh(random, connection));
        }
        return List.copyOf(requests);
    }

    private static PlannedRequest fresh(SplittableRandom random, int connection) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            // popular products most often; a few ids that do not exist
            int id = random.nextInt(100) < 4 ? ShopData.PRODUCTS + 1 + random.nextInt(50)
                    : 1 + (int) Math.floor(Math.pow(random.nextDouble(), 2) * ShopData.PRODUCTS);
            return get(connection, "/api/products/" + id);
        }
        if (roll < 55) {
            String category = ShopData.CATEGORIES.get(random.nextInt(ShopData.CATEGORIES.size()));
            int page = 1 + random.nextInt(random.nextInt(10) == 0 ? 5 : 2);
            return get(connection, random.nextInt(10) == 0 ? "/api/products?page=" + page
                    : "/api/products?category=" + category + "&page=" + page);
        }
        if (roll < 70) {
            return get(connection, "/api/users/" + (1 + random.nextInt(ShopData.USERS + 10)));
        }
        if (roll < 80) {
            return new PlannedRequest(connection, "POST", "/api/orders", orderBody(random));
        }
        if (roll < 94) {
            return get(connection, "/api/health");
        }
        return get(connection, MISSING_PATHS[random.nextInt(MISSING_PATHS.length)]);
    }

    private static String orderBody(SplittableRandom random) {
        StringBuilder body = new StringBuilder("{\"user_id\":").append(1 + random.nextInt(ShopData.USERS))
                .append(",\"items\":[");
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            body.append(i == 0 ? "" : ",").append("{\"product_id\":").append(1 + random.nextInt(ShopData.PRODUCTS))
                    .append(",\"quantity\":").append(1 + random.nextInt(3)).append('}');
        }
        return body.append("]}").toString();
    }

    private static PlannedRequest get(int connection, String target) {
        return new PlannedRequest(connection, "GET", target, "");
    }

    /**
     * Sends the plan to {@code target}, one virtual thread per keep-alive connection, and hands every
     * exchange to {@code recorder}. Returns once every request has its response; the first failure
     * of any connection is thrown.
     */
    public Result run(InetSocketAddress target, ExchangeRecorder recorder, Clock clock)
            throws IOException, InterruptedException {
        String host = target.getHostString() + ":" + target.getPort();
        List<Future<Map<Integer, Integer>>> connections = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < config.connections(); c++) {
                int connection = c;
                List<PlannedRequest> own = plan.stream().filter(r -> r.connection() == connection).toList();
                connections.add(threads.submit(() -> send(target, host, own, recorder, clock,
                        new SplittableRandom(config.seed() + 1 + connection))));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Map<Integer, Integer>> connection : connections) {
                connection.get().forEach((status, n) -> statuses.merge(status, n, Integer::sum));
            }
            return new Result(plan.size(), statuses);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(target + ": " + e.getCause(), e.getCause());
        }
    }

    private Map<Integer, Integer> send(InetSocketAddress target, String host, List<PlannedRequest> requests,
                                       ExchangeRecorder recorder, Clock clock, SplittableRandom pauses)
            throws IOException, InterruptedException {
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (DemoClient client = new DemoClient(target, clock)) {
            for (PlannedRequest request : requests) {
                byte[] bytes = request.bytes(host);
                long sentNs = client.nowNs();
                DemoClient.Response response = client.send(request.method(), bytes);
                recorder.exchange(bytes, sentNs, response.message().raw(), response.receivedNs());
                statuses.merge(response.status(), 1, Integer::sum);
                if (config.maxPauseMillis() > 0) {
                    Thread.sleep(pauses.nextInt(config.maxPauseMillis() + 1));
                }
            }
        }
        return statuses;
    }
}
