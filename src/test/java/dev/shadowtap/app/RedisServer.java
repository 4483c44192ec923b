package dev.shadowtap.app;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (Debian's package) on a free loopback port, without persistence, stopped on
 * close; and redis-cli against it, as a user runs it.
 */
final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the test when redis-server is not installed (.ci/run installs it). */
    static void assumeInstalled() {
        Assumptions.assumeTrue(onPath("redis-server") && onPath("redis-cli"),
                "redis-server and redis-cli are not installed (apt-get install -y redis-server)");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Path.of(dir, program).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    static RedisServer start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        RedisServer server = new RedisServer(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!server.answersPing()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("redis-server on port " + port + " did not start; see " + dir);
            }
            Thread.sleep(20);
        }
        return server;
    }

    private boolean answersPing() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** {@code redis-cli -p PORT} reading {@code commands}, one a line, on one connection: its output, stripped. */
    String batch(String commands) throws IOException, InterruptedException {
        return run(commands, List.of());
    }

    /** {@code redis-cli -p PORT args...}: its output, stripped. */
    String cli(String... args) throws IOException, InterruptedException {
        return run("", List.of(args));
    }

    private String run(String stdin, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("redis-cli " + command + " failed: " + out);
        }
        return out.strip();
    }

    /** Every key with its type and value, sorted: two servers with equal contents give equal text. */
    String contents() throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>(cli("--raw", "KEYS", "*").lines().filter(k -> !k.isEmpty()).sorted().toList());
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            String type = cli("--raw", "TYPE", key);
            String value = switch (type) {
                case "string" -> cli("--raw", "GET", key);
                case "list" -> cli("--raw", "LRANGE", key, "0", "-1");
                case "hash" -> String.join(",", cli("--raw", "HGETALL", key).lines().toList());
                case "set" -> String.join(",", cli("--raw", "SMEMBERS", key).lines().sorted().toList());
                default -> "(" + type + ")";
            };
            text.append(key).append(' ').append(type).append(' ').append(value.replace('\n', ',')).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
