import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes every message and writes it back re-encoded, unchanged. A single-file program: run it as
 * {@code java Echo.java} (Java 11 or later).
 */
public class Echo {
    public static void main(String[] args) throws IOException {
        HexFormat hex = HexFormat.of();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null; ) {
            byte[] record = hex.parseHex(line.strip());
            int newline = 0;
            while (record[newline] != '\n') {
                newline++;
            }
            String header = new String(record, 0, newline, StandardCharsets.ISO_8859_1);
            byte[] payload = java.util.Arrays.copyOfRange(record, newline + 1, record.length);
            byte[] head = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
            out.write(hex.formatHex(head));
            out.write(hex.formatHex(payload));
            out.write('\n');
            out.flush();
        }
    }
}
