import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.http.Http1Framer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Response framing alone, as the replay's reader does it: nginx's 200 response to a GET, fed one read
 * at a time to one {@link Http1Framer}. Prints ns per response (best of 5 rounds of 1M after warm-up).
 *   java -cp target/classes bench/replay/FramerBench.java
 */
public class FramerBench {
    public static void main(String[] args) {
        byte[] response = ("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 24 Nov 2026 05:11:07 GMT\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Http1Framer framer = Http1Framer.forResponses(FramingLimits.DEFAULT);
        long[] statusSum = {0};
        Consumer<FramingResult> sink = r -> statusSum[0] += ((FramedMessage) r).head().status();
        int n = 1_000_000;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                framer.expectResponseTo("GET");
                framer.feed(response, 0, response.length, sink);
            }
            long ns = System.nanoTime() - start;
            if (round >= 3) {
                best = Math.min(best, ns);
            }
        }
        System.out.printf("%.0f ns per response (best of 5 rounds of %d; checksum %d)%n", (double) best / n, n, statusSum[0]);
    }
}
