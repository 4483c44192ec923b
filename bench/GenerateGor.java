import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a realistic .gor file for benchmarks: request/response pairs sharing a 24-hex id, four-field
 * headers, HTTP/1.1 messages with browser- and nginx-like headers, JSON, HTML and form bodies; record
 * sizes log-uniform between 200 B and 50 KB. Deterministic for a seed.
 *
 * <p>Usage: {@code $JAVA_HOME/bin/java bench/GenerateGor.java OUT SIZE_MB [seed]}; prints the number of
 * records written.
 */
public class GenerateGor {
    static final byte[] SEP = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n".getBytes(StandardCharsets.UTF_8);
    static final String[] WORDS = {"alpha", "order", "customer", "price", "quantity", "status", "shipped",
            "pending", "lamp", "desk", "chair", "warehouse", "berlin", "paris", "total", "discount", "review",
            "rating", "comment", "created_at", "updated_at", "true", "false", "null", "sku", "color", "size"};
    static final String[] PATHS = {"/api/v1/orders", "/api/v1/customers", "/api/v2/search", "/products",
            "/cart/items", "/checkout", "/static/app.js", "/account/settings", "/api/v1/inventory/levels"};
    static final String[] AGENTS = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "okhttp/4.12.0", "python-requests/2.32.3", "curl/8.5.0"};

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java bench/GenerateGor.java OUT SIZE_MB [seed]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long target = Long.parseLong(args[1]) << 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] json = pool(random, true);
        byte[] html = pool(random, false);
        long written = 0;
        long records = 0;
        long ts = 1_732_412_400_000_000_000L;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            while (written < target) {
                String id = hex(random, 24);
                ts += random.nextLong(50_000, 5_000_000);
                byte[] request = request(random, json);
                written += record(o, "1 " + id + " " + ts + " 0", request);
                long latency = random.nextLong(200_000, 80_000_000);
                byte[] response = response(random, json, html);
                written += record(o, "2 " + id + " " + (ts + latency) + " " + latency, response);
                records += 2;
            }
        }
        System.out.println(records);
    }

    static long record(OutputStream o, String header, byte[] payload) throws IOException {
        byte[] h = (header + "\n").getBytes(StandardCharsets.US_ASCII);
        o.write(h);
        o.write(payload);
        o.write(SEP);
        return h.length + payload.length + SEP.length;
    }

    /** A record size, log-uniform in [200, 50000]. */
    static int size(SplittableRandom random) {
        return (int) Math.exp(Math.log(200) + random.nextDouble() * (Math.log(50_000) - Math.log(200)));
    }

    static byte[] request(SplittableRandom random, byte[] json) {
        int size = size(random);
        String path = PATHS[random.nextInt(PATHS.length)];
        StringBuilder h = new StringBuilder(512);
        boolean post = size > 900 && random.nextInt(3) > 0;
        h.append(post ? "POST " : "GET ").append(path);
        if (!post) {
            h.append("?page=").append(random.nextInt(100)).append("&q=").append(WORDS[random.nextInt(WORDS.length)]);
        }
        h.append(" HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: ").append(AGENTS[random.nextInt(AGENTS.length)])
                .append("\r\nAccept: application/json, text/plain, */*\r\nAccept-Language: en-US,en;q=0.9\r\n")
                .append("Accept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n")
                .append("Cookie: session=").append(hex(random, 32)).append("; theme=dark\r\n")
                .append("X-Request-Id: ").append(hex(random, 16)).append("\r\n");
        byte[] body = new byte[0];
        if (post) {
            body = slice(random, json, Math.max(2, size - h.length() - 60));
            h.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        } else {
            while (h.length() < size - 2 && h.length() < 4000) {
                h.append("X-Trace-").append(h.length()).append(": ").append(hex(random, 40)).append("\r\n");
            }
        }
        h.append("\r\n");
        return concat(h.toString().getBytes(StandardCharsets.US_ASCII), body);
    }

    static byte[] response(SplittableRandom random, byte[] json, byte[] html) {
        int size = size(random);
        boolean isJson = random.nextInt(4) > 0;
        String head = "HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nDate: Sun, 24 Nov 2024 02:00:00 GMT\r\n"
                + "Content-Type: " + (isJson ? "application/json" : "text/html; charset=utf-8") + "\r\n"
                + "Cache-Control: no-cache\r\nConnection: keep-alive\r\nVary: Accept-Encoding\r\n";
        byte[] body = slice(random, isJson ? json : html, Math.max(2, size - head.length() - 30));
        return concat((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    static byte[] slice(SplittableRandom random, byte[] pool, int length) {
        int from = random.nextInt(pool.length - length);
        byte[] out = new byte[length];
        System.arraycopy(pool, from, out, 0, length);
        return out;
    }

    /** 1 MB of JSON-like or HTML-like text, sliced for bodies. */
    static byte[] pool(SplittableRandom random, boolean json) {
        StringBuilder s = new StringBuilder(1 << 20);
        while (s.length() < (1 << 20)) {
            if (json) {
                s.append("{\"id\":").append(random.nextInt(1_000_000)).append(",\"")
                        .append(WORDS[random.nextInt(WORDS.length)]).append("\":\"")
                        .append(WORDS[random.nextInt(WORDS.length)]).append(' ').append(WORDS[random.nextInt(WORDS.length)])
                        .append("\",\"price\":").append(random.nextInt(100_000) / 100.0).append("},\n");
            } else {
                s.append("<div class=\"").append(WORDS[random.nextInt(WORDS.length)]).append("\"><p>")
                        .append(WORDS[random.nextInt(WORDS.length)]).append(' ').append(WORDS[random.nextInt(WORDS.length)])
                        .append("</p></div>\n");
            }
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(SplittableRandom random, int digits) {
        char[] c = new char[digits];
        for (int i = 0; i < digits; i++) {
            c[i] = "0123456789abcdef".charAt(random.nextInt(16));
        }
        return new String(c);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
