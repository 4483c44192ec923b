package dev.shadowtap.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.cli.CommandLine;
import dev.shadowtap.cli.ParseResult;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: a real run in-process, live and under the test's control: records arrive by
 * {@code --input-tcp} when the test sends them (as another instance would), are replayed with
 * {@code --output-http} to a real JDK HTTP server whose prices differ from the recorded ones, and
 * compared; the run has {@code --dashboard} on a port of the system's choice.
 */
final class DashboardRun implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer target;
    private final int inputPort;
    private final RunControl control = new RunControl();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> status;
    private final URI dashboard;
    private int sent;

    private DashboardRun(List<String> extra) throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        target.createContext("/", exchange -> {
            byte[] body = "{\"price\": 23.79, \"name\": \"lamp\"}".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        inputPort = Receiver.freePort();
        List<String> args = new ArrayList<>(List.of("--input-tcp", "127.0.0.1:" + inputPort, "--output-http",
                "http://127.0.0.1:" + target.getAddress().getPort(), "--output-http-track-response", "--compare",
                "--stats", "--dashboard", "127.0.0.1:0"));
        args.addAll(extra);
        ParseResult.Run run = (ParseResult.Run) CommandLine.parse(args.toArray(String[]::new));
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        status = CompletableFuture.supplyAsync(() -> new Application(run.options(),
                new PrintStream(OutputStream.nullOutputStream()), e, control).run());
        if (!control.awaitStarted(Duration.ofSeconds(20))) {
            throw new AssertionError("the run did not start:\n" + err());
        }
        Matcher url = Pattern.compile("dashboard: (http://\\S+)").matcher(err());
        if (!url.find()) {
            throw new AssertionError("no dashboard line:\n" + err());
        }
        dashboard = URI.create(url.group(1));
    }

    static DashboardRun start(String... extra) throws Exception {
        return new DashboardRun(List.of(extra));
    }

    URI dashboard() {
        return dashboard;
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Sends {@code count} recorded exchanges (request and original response) and waits until each was compared. */
    void sendAndSettle(int count) throws Exception {
        send(count);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            JsonNode stats = stats();
            JsonNode compare = stats.get("compare");
            if (compare != null && compare.get("compared").asLong() == sent && settled(stats)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not all " + sent + " exchanges were compared:\n" + stats() + "\n" + err());
    }

    /** Sends {@code count} recorded exchanges (request and original response), as another instance would. */
    void send(int count) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), inputPort)) {
            GorWriter writer = GorWriter.file(socket.getOutputStream());
            for (int i = sent; i < sent + count; i++) {
                String id = String.format("%024x", i + 1);
                long ts = 1_795_000_000_000_000_000L + i * 1_000_000L;
                writer.write(new Message(MessageType.REQUEST, id, ts, Message.NO_LATENCY,
                        ("GET /products/" + i + " HTTP/1.1\r\nHost: shop\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                writer.write(new Message(MessageType.RESPONSE, id, ts + 1, 1_000_000L,
                        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 32\r\n\r\n"
                                + "{\"price\": 19.99, \"name\": \"lamp\"}").getBytes(StandardCharsets.US_ASCII)));
            }
        }
        sent += count;
    }

    /** Nothing waits in a queue or for an answer. */
    private static boolean settled(JsonNode stats) {
        for (JsonNode stage : stats.get("stages")) {
            if (stage.get("queueDepth").asLong() != 0) {
                return false;
            }
        }
        for (JsonNode replay : stats.get("replays")) {
            if (replay.get("inFlight").asLong() != 0) {
                return false;
            }
        }
        return true;
    }

    int sent() {
        return sent;
    }

    JsonNode stats() throws Exception {
        return JSON.readTree(get("/api/stats", "application/json").body());
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(dashboard.resolve(path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the run as --exit-after would and returns its stderr (the exit summary). */
    String stop() throws Exception {
        control.stop();
        Integer code = status.get(30, TimeUnit.SECONDS);
        if (!Objects.equals(code, 1) && !Objects.equals(code, 0)) {
            throw new AssertionError("exit status " + code + ":\n" + err());
        }
        return err();
    }

    @Override
    public void close() {
        control.stop();
        try {
            status.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the test failed already
        }
        target.stop(0);
    }
}
