package dev.shadowtap.io.raw;

import dev.shadowtap.Main;
import dev.shadowtap.capture.ffi.CaptureRights;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shadowtap --input-raw ...} run in-process through {@link Main#run}, as a user runs it. */
class RawInputCommandLineTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/pcap/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<Message> records(Path gor) throws IOException {
        List<Message> all = new ArrayList<>();
        try (GorReader reader = GorReader.open(gor, new StageStats("check"), Log.SILENT)) {
            Message m;
            while ((m = reader.next()) != null) {
                all.add(m);
            }
        }
        return all;
    }

    /**
     * tcpdump's capture of curl against jwebserver (see capture.RealCapturesTest): a GET over IPv4,
     * a GET over IPv6, a POST, each on its own connection. Times and lengths are tcpdump's reading of
     * the same file: the first data packet of each message, and the payload length of each.
     */
    @Test
    void aTcpdumpCaptureReplaysToItsRequestsAndResponsesAndTheRunEndsByItself() throws IOException {
        Path pcap = fixture("lo-ethernet-micro.pcap");
        Path gor = dir.resolve("out.gor");
        Run r = run("--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file", "--input-raw-track-response",
                "--output-stdout", "--output-file", gor.toString(), "--output-file-append");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        List<Message> got = records(gor);
        assertThat(got).extracting(Message::type).containsExactly(MessageType.REQUEST, MessageType.RESPONSE,
                MessageType.REQUEST, MessageType.RESPONSE, MessageType.REQUEST, MessageType.RESPONSE);
        long[] requestTimes = {1795494722_323291000L, 1795494722_441687000L, 1795494722_570487000L};
        long[] responseTimes = {1795494722_327836000L, 1795494722_444593000L, 1795494722_579591000L};
        int[] requestLengths = {123, 124, 207};
        int[] responseLengths = {177, 177, 109};
        for (int i = 0; i < 3; i++) {
            Message request = got.get(2 * i);
            Message response = got.get(2 * i + 1);
            assertThat(response.id()).isEqualTo(request.id()).matches("[0-9a-f]{24}");
            assertThat(request.timestampNs()).isEqualTo(requestTimes[i]);
            assertThat(response.timestampNs()).isEqualTo(responseTimes[i]);
            // each message is one packet in tcpdump's reading: GoReplay 1.2+'s first-to-last packet time is 0
            assertThat(request.header()).isEqualTo("1 " + request.id() + " " + requestTimes[i] + " 0");
            assertThat(response.header()).isEqualTo("2 " + request.id() + " " + responseTimes[i] + " 0");
            assertThat(request.payload()).hasSize(requestLengths[i]);
            assertThat(response.payload()).hasSize(responseLengths[i]);
            assertThat(new String(response.payload(), StandardCharsets.ISO_8859_1))
                    .startsWith(i < 2 ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 405 Method Not Allowed\r\n"); // jwebserver serves no POST
        }
        assertThat(new String(got.get(0).payload(), StandardCharsets.ISO_8859_1))
                .startsWith("GET /hello.txt HTTP/1.1\r\nHost: 127.0.0.1:18080\r\n").endsWith("\r\n\r\n");
        assertThat(new String(got.get(2).payload(), StandardCharsets.ISO_8859_1))
                .startsWith("GET /hello.txt?v6=1 HTTP/1.1\r\nHost: [::1]:18080\r\n");
        assertThat(new String(got.get(4).payload(), StandardCharsets.ISO_8859_1))
                .startsWith("POST /hello.txt HTTP/1.1\r\n").endsWith("\r\n\r\nname=shadowtap");
        assertThat(new String(got.get(1).payload(), StandardCharsets.ISO_8859_1)).endsWith("hello from shadowtap fixture\n");
        // stdout holds the same records, newline-terminated as GoReplay prints them
        for (Message m : got) {
            assertThat(r.out()).contains(m.header() + "\n" + new String(m.payload(), StandardCharsets.ISO_8859_1) + "\n");
        }
    }

    @Test
    void inputRawStatsAndStatsReportTheCapture() throws IOException {
        Path pcap = fixture("any-sll.pcap");
        Run r = run("--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file", "--input-raw-stats", "--stats",
                "--output-null");
        assertThat(r.status()).isZero();
        assertThat(r.err()).contains("input-raw " + pcap + ": packets=30 ").contains(" flows=3 ").contains("losses={}")
                .contains("summary input-raw " + pcap + ": 3 msgs");
    }

    @Test
    void verboseSaysWhatIsCapturedOnceTheCaptureRuns() throws IOException {
        Path pcap = fixture("any-sll.pcap");
        Run all = run("--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file", "--output-null", "--verbose");
        assertThat(all.status()).isZero();
        assertThat(all.err()).contains("input-raw " + pcap + ": capturing (file " + pcap
                + ", every TCP port, engine pcap_file)");
        Run one = run("--input-raw", pcap + ":18080", "--input-raw-engine", "pcap_file", "--output-null", "--verbose");
        assertThat(one.err()).contains("capturing (file " + pcap + ", port 18080, engine pcap_file)");
        Run quiet = run("--input-raw", pcap.toString(), "--input-raw-engine", "pcap_file", "--output-null");
        assertThat(quiet.err()).doesNotContain("capturing");
    }

    /** GoReplay 2.x reads an --input-raw that names a .pcap file with its file engine, no engine named. */
    @Test
    void aCaptureFileNamedWithoutAnEngineIsReadByThePcapFileEngine() throws IOException {
        Path pcap = fixture("any-sll2.pcap");
        Path upper = Files.copy(pcap, dir.resolve("CAPTURE.PCAP"));
        Run named = run("--input-raw", pcap + ":18080", "--input-raw-engine", "pcap_file", "--output-stdout");
        Run byItself = run("--input-raw", pcap + ":18080", "--output-stdout");
        Run anyCase = run("--input-raw", upper + ":18080", "--output-stdout");

        assertThat(byItself.status()).as(byItself.err()).isZero();
        assertThat(byItself.err()).isEmpty();
        // ids start with a per-run instance part: compare the records without it
        assertThat(withoutIds(byItself.out())).contains("GET /hello.txt HTTP/1.1\r\n").isEqualTo(withoutIds(named.out()));
        assertThat(withoutIds(anyCase.out())).isEqualTo(withoutIds(named.out()));
        Run libpcapNamed = run("--input-raw-engine", "libpcap", "--input-raw", pcap + ":18080", "--output-stdout");
        assertThat(libpcapNamed.err().strip()).isEqualTo("shadowtap: --input-raw " + pcap
                + ":18080 is a capture file: read with engine pcap_file, not libpcap (as GoReplay does)");
        assertThat(withoutIds(libpcapNamed.out())).isEqualTo(withoutIds(named.out()));
    }

    private static String withoutIds(String stdout) {
        return stdout.replaceAll("(?m)^([123]) [0-9a-f]{24} ", "$1 ID ");
    }

    @Test
    void aCaptureFileWithAPortKeepsOnlyThatPort() throws IOException {
        Path pcap = fixture("any-sll2.pcap");
        Run other = run("--input-raw", pcap + ":9999", "--input-raw-engine", "pcap_file", "--output-stdout");
        assertThat(other.status()).isZero();
        assertThat(other.out()).isEmpty();
        Run own = run("--input-raw", pcap + ":18080", "--input-raw-engine", "pcap_file", "--output-stdout");
        assertThat(own.out()).contains("GET /hello.txt HTTP/1.1\r\n").contains("POST /hello.txt HTTP/1.1\r\n")
                .doesNotContain("HTTP/1.1 200 OK");
    }

    /** Sends {@code requests} on one connection to {@code server} a second from now, once the capture is open. */
    static Future<List<RawClient.Exchange>> sendInASecond(ExecutorService traffic, LoopbackServer server,
                                                          byte[]... requests) {
        return traffic.submit(() -> {
            Thread.sleep(1000); // the capture is open well before this
            List<RawClient.Exchange> exchanges = new ArrayList<>();
            try (RawClient client = new RawClient(server.address())) {
                for (byte[] request : requests) {
                    exchanges.add(client.send(request));
                }
            }
            return exchanges;
        });
    }

    @Test
    void liveCaptureToAFileUntilExitAfter() throws Exception {
        CaptureRights.assumeCanCapture();
        Path gor = dir.resolve("live.gor");
        try (LoopbackServer server = LoopbackServer.start(InetAddress.getLoopbackAddress());
             ExecutorService traffic = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<RawClient.Exchange>> sent = sendInASecond(traffic, server, RawClient.get("/cli/1"),
                    RawClient.get("/chunked/cli/2"), RawClient.post("/cli/3", "x=1".getBytes(), false));
            Run r = run("--input-raw", "127.0.0.1:" + server.port(), "--input-raw-track-response",
                    "--output-file", gor.toString(), "--output-file-append", "--exit-after", "3s");
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            List<Message> got = records(gor);
            List<RawClient.Exchange> exchanges = sent.get();
            assertThat(got).hasSize(6);
            for (RawClient.Exchange e : exchanges) {
                Message request = got.stream().filter(m -> m.isRequest()
                        && new String(m.payload(), StandardCharsets.ISO_8859_1).equals(e.requestText())).findFirst().orElseThrow();
                Message response = got.stream().filter(m -> !m.isRequest() && m.id().equals(request.id())).findFirst().orElseThrow();
                assertThat(response.payload()).isEqualTo(e.responses().getFirst());
                assertThat(response.timestampNs()).isGreaterThan(request.timestampNs());
                assertThat(response.latencyNs()).isNotNegative();
            }
        }
    }

    @Test
    void captureProblemsAreOneLineAndExitOne() throws IOException {
        Run noFile = run("--input-raw", dir.resolve("missing.pcap").toString(), "--input-raw-engine", "pcap_file",
                "--output-stdout");
        assertThat(noFile.status()).isEqualTo(1);
        assertThat(noFile.err().strip()).isEqualTo("shadowtap: " + dir.resolve("missing.pcap") + ": no such file");

        Run noPort = run("--input-raw", "localhost", "--output-stdout");
        assertThat(noPort.status()).isEqualTo(1);
        assertThat(noPort.err().strip()).isEqualTo("shadowtap: --input-raw localhost: expected :port, ip:port or interface:port");

        Run badPort = run("--input-raw", ":80,http", "--output-stdout");
        assertThat(badPort.err().strip()).isEqualTo("shadowtap: --input-raw :80,http: 'http' is not a port");

        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0)) {
            Run vxlan = run("--input-raw", ":80", "--input-raw-engine", "vxlan", "--input-raw-vxlan-port",
                    String.valueOf(taken.getLocalPort()), "--output-stdout");
            assertThat(vxlan.status()).isEqualTo(1);
            assertThat(vxlan.err().strip()).startsWith("shadowtap: --input-raw :80: vxlan cannot listen on UDP port "
                    + taken.getLocalPort() + ": ").doesNotContain("\n");
        }
    }

    /** A real child JVM without CAP_NET_RAW (setpriv drops it) running the command line. */
    @Test
    void withoutTheRightToCaptureTheUserGetsOneLine() throws Exception {
        CaptureRights.assumeCanCapture(); // only root can drop the capability for the child
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of("/usr/bin/setpriv", "--inh-caps=-net_raw", "--ambient-caps=-net_raw",
                "--bounding-set=-net_raw", "--", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--input-raw", "127.0.0.1:8080", "--output-stdout"))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(output).isEqualTo("shadowtap: --input-raw 127.0.0.1:8080: capturing needs root or CAP_NET_RAW"
                + " (socket(AF_PACKET): Operation not permitted)");
        assertThat(child.exitValue()).isEqualTo(1);
    }

    @Test
    void badInterfaceAndBadFilterAreOneLine() {
        CaptureRights.assumeCanCapture();
        Run noSuch = run("--input-raw", "nosuchif0:80", "--output-stdout");
        assertThat(noSuch.status()).isEqualTo(1);
        assertThat(noSuch.err().lines().toList()).hasSize(1);
        assertThat(noSuch.err()).startsWith("shadowtap: --input-raw nosuchif0:80: ").doesNotContain("Exception");

        CaptureRights.assumeLibpcap();
        Run badFilter = run("--input-raw", "127.0.0.1:80", "--input-raw-bpf-filter", "tcp port banana", "--output-stdout");
        assertThat(badFilter.status()).isEqualTo(1);
        assertThat(badFilter.err().lines().toList()).hasSize(1);
        assertThat(badFilter.err()).startsWith("shadowtap: --input-raw 127.0.0.1:80: bad --input-raw-bpf-filter \"tcp port banana\": ");
    }
}
