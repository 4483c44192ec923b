package dev.shadowtap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The demo shop's endpoints, without the HTTP server: a method, a path with its query and a body in,
 * a status and a JSON object out. Deterministic: the same request gets the same answer (the server
 * adds the volatile parts: {@code generated_at} and the request id).
 */
final class ShopApi {
    static final int PAGE_SIZE = 10;

    private final ServiceVersion version;
    private final ObjectMapper json;

    ShopApi(ServiceVersion version, ObjectMapper json) {
        this.version = version;
        this.json = json;
    }

    /** An answer: the HTTP status and the JSON body's fields, in order. */
    record Reply(int status, Map<String, Object> body) {
    }

    Reply handle(String method, String path, String query, byte[] body) {
        String[] parts = path.split("/", -1); // "", "api", resource, id
        if (parts.length < 3 || !parts[1].equals("api")) {
            return notFound(path);
        }
        String resource = parts[2];
        Optional<String> id = parts.length == 4 ? Optional.of(parts[3]) : Optional.empty();
        if (parts.length > 4) {
            return notFound(path);
        }
        return switch (resource) {
            case "health" -> id.isPresent() ? notFound(path) : get(method, () -> health());
            case "products" -> get(method, () -> id.map(this::product).orElseGet(() -> productList(params(query))));
            case "users" -> id.isPresent() ? get(method, () -> user(id.get())) : notFound(path);
            case "orders" -> id.isPresent() ? notFound(path)
                    : method.equals("POST") ? order(body) : error(405, "method not allowed", "method", method);
            default -> notFound(path);
        };
    }

    private static Reply get(String method, java.util.function.Supplier<Reply> reply) {
        return method.equals("GET") ? reply.get() : error(405, "method not allowed", "method", method);
    }

    private static Reply health() {
        return ok(200, fields("status", "ok", "service", "shop"));
    }

    private Reply product(String idText) {
        Optional<ShopData.Product> product = parseId(idText).flatMap(ShopData::product);
        if (product.isEmpty()) {
            return error(404, "product not found", "id", idText);
        }
        ShopData.Product p = product.get();
        return ok(200, fields("id", p.id(), "name", p.name(), "category", p.category(),
                "price", ShopData.detailPrice(p, version), "currency", "EUR", "in_stock", p.stock() > 0,
                "stock", p.stock()));
    }

    private static Reply productList(Map<String, String> query) {
        String category = query.get("category");
        if (category != null && !ShopData.CATEGORIES.contains(category)) {
            return error(400, "unknown category", "category", category);
        }
        int page = parseId(query.getOrDefault("page", "1")).orElse(0);
        if (page < 1) {
            return error(400, "page must be a positive number", "page", query.get("page"));
        }
        List<ShopData.Product> all = ShopData.products(category);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = (page - 1) * PAGE_SIZE; i < Math.min(all.size(), page * PAGE_SIZE); i++) {
            ShopData.Product p = all.get(i);
            items.add(fields("id", p.id(), "name", p.name(), "price", p.grossPrice()));
        }
        return ok(200, fields("category", category == null ? "all" : category, "page", page, "page_size", PAGE_SIZE,
                "total", all.size(), "items", items));
    }

    private static Reply user(String idText) {
        Optional<ShopData.User> user = parseId(idText).flatMap(ShopData::user);
        if (user.isEmpty()) {
            return error(404, "user not found", "id", idText);
        }
        ShopData.User u = user.get();
        return ok(200, fields("id", u.id(), "name", u.name(), "email", u.email(),
                "member_since", u.memberSince().toString(), "tier", u.tier()));
    }

    private Reply order(byte[] body) {
        JsonNode order;
        try {
            order = json.readTree(body);
        } catch (IOException e) {
            return error(400, "body is not JSON");
        }
        if (order == null || !order.path("user_id").canConvertToInt() || !order.path("items").isArray()
                || order.path("items").isEmpty()) {
            return error(400, "expected {\"user_id\": N, \"items\": [{\"product_id\": N, \"quantity\": N}]}");
        }
        int userId = order.path("user_id").asInt();
        if (ShopData.user(userId).isEmpty()) {
            return error(422, "unknown user", "user_id", userId);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (JsonNode item : order.path("items")) {
            Optional<ShopData.Product> product = ShopData.product(item.path("product_id").asInt(-1));
            int quantity = item.path("quantity").asInt(0);
            if (product.isEmpty() || quantity < 1) {
                return error(422, "bad order line", "line", item.toString());
            }
            BigDecimal line = product.get().grossPrice().multiply(BigDecimal.valueOf(quantity));
            total = total.add(line);
            lines.add(fields("product_id", product.get().id(), "quantity", quantity,
                    "unit_price", product.get().grossPrice(), "line_total", line));
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        return ok(201, fields("order_id", String.format("ord-%08x", crc.getValue()), "user_id", userId,
                "status", "created", "items", lines, "total", total, "currency", "EUR"));
    }

    private static Reply notFound(String path) {
        return error(404, "not found", "path", path);
    }

    private static Reply error(int status, String message) {
        return new Reply(status, fields("error", message));
    }

    private static Reply error(int status, String message, String key, Object value) {
        return new Reply(status, fields("error", message, key, value));
    }

    private static Reply ok(int status, Map<String, Object> body) {
        return new Reply(status, body);
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Optional<Integer> parseId(String text) {
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
