import dev.shadowtap.gor.GorReader;
import dev.shadowtap.io.http.HttpReplayConfig;
import dev.shadowtap.io.http.HttpReplayOutput;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.Stats;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Drives HttpReplayOutput from a .gor file until the CLI is wired.
 *   replay FILE URL WORKERS          : full speed to URL with WORKERS fixed workers; prints req/s
 *   stall FILE TIMEOUT_MS            : to an in-process server that accepts and never answers, default
 *                                      workers (grow to demand, queue 1000); prints the error counts
 *   blackhole                        : only that server, on a free loopback port printed on stdout (for the CLI)
 */
public class ReplayBench {
    public static void main(String[] args) throws Exception {
        Log log = Log.to(System.err);
        switch (args[0]) {
            case "replay" -> {
                int workers = Integer.parseInt(args[3]);
                HttpReplayConfig config = HttpReplayConfig.defaults(URI.create(args[2])).withWorkers(workers, workers);
                run(Path.of(args[1]), config, log);
            }
            case "stall" -> {
                ServerSocket blackhole = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
                Thread.ofVirtual().start(() -> swallow(blackhole));
                HttpReplayConfig config = HttpReplayConfig.defaults(URI.create("http://127.0.0.1:" + blackhole.getLocalPort()))
                        .withTimeouts(Duration.ofMillis(Long.parseLong(args[2])), Duration.ofSeconds(2));
                run(Path.of(args[1]), config, log);
            }
            case "blackhole" -> {
                ServerSocket blackhole = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
                System.out.println(blackhole.getLocalPort());
                System.out.flush();
                swallow(blackhole);
            }
            default -> throw new IllegalArgumentException("replay FILE URL WORKERS | stall FILE TIMEOUT_MS | blackhole");
        }
    }

    private static void run(Path file, HttpReplayConfig config, Log log) throws Exception {
        Stats stats = new Stats();
        HttpReplayOutput out = new HttpReplayOutput(config, stats, log);
        long start = System.nanoTime();
        long n = 0;
        long warm = 0;
        try (GorReader reader = GorReader.open(file, stats.stage("input-file"), log)) {
            Message m;
            while ((m = reader.next()) != null) {
                out.write(m);
                n++;
                if (n == 20_000) {
                    warm = System.nanoTime();
                }
            }
        }
        out.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        double warmSeconds = (System.nanoTime() - warm) / 1e9;
        System.out.printf("requests %d seconds %.3f rps %.0f after-warmup-rps %.0f%n", n, seconds, n / seconds,
                warm == 0 ? 0 : (n - 20_000) / warmSeconds);
        out.summaryLines().forEach(System.out::println);
    }

    /** Accepts connections and reads whatever comes, never answering. */
    private static void swallow(ServerSocket server) {
        while (true) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (s; InputStream in = s.getInputStream()) {
                        byte[] buf = new byte[4096];
                        while (in.read(buf) >= 0) {
                            // swallow
                        }
                    } catch (IOException e) {
                        // client gave up
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }
}
