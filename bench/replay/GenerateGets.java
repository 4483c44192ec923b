import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a .gor of N recorded GETs to varied URLs (the same mix as urls.lua), one millisecond apart.
 * Usage: java -cp target/classes bench/replay/GenerateGets.java OUT.gor N
 */
public class GenerateGets {
    static String path(int i) {
        return switch (i % 4) {
            case 0 -> "/api/items/" + (i % 5000);
            case 1 -> "/api/items/" + (i % 5000) + "?page=" + (i % 17) + "&sort=price";
            case 2 -> "/search?q=term" + (i % 997) + "&lang=en";
            default -> "/static/app." + (i % 50) + ".js";
        };
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        long start = 1_700_000_000_000_000_000L;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            GorWriter writer = GorWriter.file(os);
            for (int i = 0; i < n; i++) {
                String request = "GET " + path(i) + " HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: bench/1.0\r\n"
                        + "Accept: */*\r\nX-Request-Seq: " + i + "\r\n\r\n";
                writer.write(new Message(MessageType.REQUEST, String.format("%024x", i), start + i * 1_000_000L,
                        Message.NO_LATENCY, request.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
    }
}
