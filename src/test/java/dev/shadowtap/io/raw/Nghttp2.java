package dev.shadowtap.io.raw;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nghttp2 tools on the loopback: {@code nghttpd} serving a directory over h2c (prior knowledge
 * only), {@code nghttpx} in front of it accepting the HTTP/1.1 {@code Upgrade: h2c} that nghttpd does
 * not, and {@code h2load} and {@code curl} as clients. Each server is a child process, ended on close.
 */
final class Nghttp2 implements AutoCloseable {
    static final String BODY = "hello from nghttpd\n";

    final Path root;
    final int port;
    private final List<Process> processes = new ArrayList<>();

    private Nghttp2(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(onPath("nghttpd") && onPath("h2load") && onPath("nghttpx"),
                "needs Debian's nghttp2 (apt-get install -y nghttp2): .ci/run installs it");
    }

    /** nghttpd on a free port, serving {@code index.html} ({@link #BODY}) and {@code big.bin}. */
    static Nghttp2 start() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("nghttpd");
        Files.writeString(root.resolve("index.html"), BODY);
        byte[] big = new byte[100_000];
        new java.util.Random(7).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Nghttp2 n = new Nghttp2(root, freePort());
        n.spawn(List.of(bin("nghttpd"), "--no-tls", "-a", "127.0.0.1", "-d", root.toString(), Integer.toString(n.port)), n.port);
        return n;
    }

    /** nghttpx on a free port in front of this nghttpd: it accepts h2c upgrades. Returns its port. */
    int upgradingProxy() throws IOException, InterruptedException {
        int proxy = freePort();
        spawn(List.of(bin("nghttpx"), "-f127.0.0.1," + proxy + ";no-tls", "-b127.0.0.1," + port + ";;proto=h2",
                "--workers=1", "--no-ocsp", "--errorlog-file=/dev/null", "--accesslog-file=/dev/null"), proxy);
        return proxy;
    }

    /** Runs a client to its end; its output when it failed. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8) + (p.exitValue() == 0 ? "" : "\nexit " + p.exitValue());
    }

    /** Starts a client that runs on while the test goes on. */
    Process background(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    private void spawn(List<String> command, int listens) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", listens), 200);
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException(command.getFirst() + " exited with " + p.exitValue());
                }
                Thread.sleep(50);
            }
        }
        throw new IOException(command.getFirst() + " not listening on " + listens);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        return !bin(program).equals(program);
    }

    /** The program's path (Debian puts the servers in /usr/sbin, not always on a test's PATH). */
    static String bin(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return program;
    }

    @Override
    public void close() throws IOException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.list(root)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(root);
    }
}
