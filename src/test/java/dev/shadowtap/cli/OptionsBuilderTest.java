package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.http.transform.HashLimiter;
import dev.shadowtap.http.transform.HeaderFilter;
import dev.shadowtap.http.transform.HeaderValue;
import dev.shadowtap.http.transform.HttpTransformConfig;
import dev.shadowtap.http.transform.UrlRewrite;
import dev.shadowtap.pipeline.Address;
import dev.shadowtap.pipeline.Limit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Types every flag, supported or not yet, into its record field: the integrator can rely on the
 * records as soon as a flag is switched on in {@link Support}.
 */
class OptionsBuilderTest {
    static RunOptions build(String... args) throws UsageException {
        FlagParser.Scan scan = FlagParser.parse(List.of(args));
        assertThat(scan).isInstanceOf(FlagParser.Scan.Flags.class);
        return new OptionsBuilder(((FlagParser.Scan.Flags) scan).parsed()).build();
    }

    @Test
    void captureFlags() throws UsageException {
        CaptureOptions c = build("--input-raw", ":80", "--input-raw", "eth0:8080|50%", "--input-raw-engine", "af_packet",
                "--input-raw-track-response", "--input-raw-realip-header", "X-Real-IP", "--input-raw-expire", "3s",
                "--input-raw-allow-incomplete", "--input-raw-bpf-filter", "dst port 80", "--input-raw-buffer-size", "8mb",
                "--input-raw-buffer-timeout", "10ms", "--input-raw-override-snaplen", "--input-raw-promisc",
                "--input-raw-monitor", "--input-raw-timestamp-type", "go", "--input-raw-ignore-interface", "lo",
                "--input-raw-ignore-interface", "docker0", "--input-raw-protocol", "binary", "--input-raw-stats",
                "--input-raw-vlan", "--input-raw-vlan-vid", "10", "--input-raw-vlan-vid", "20",
                "--input-raw-vxlan-port", "4790", "--input-raw-vxlan-vni", "7", "--input-raw-max-head-size", "128kb").capture();
        assertThat(c).isEqualTo(new CaptureOptions(CaptureEngine.AF_PACKET,
                new CaptureOptions.Device(Optional.of("dst port 80"), 8L << 20, Duration.ofMillis(10), true, true, true,
                        Optional.of("go")),
                new CaptureOptions.Frames(true, List.of(10, 20), List.of("lo", "docker0")),
                new CaptureOptions.Vxlan(4790, List.of(7)), Duration.ofSeconds(3), CaptureProtocol.BINARY,
                new CaptureOptions.Pairing(true, true, Optional.of("X-Real-IP"), 128 * 1024), true));
        assertThat(build("--input-raw", ":80", "--input-raw", "eth0:8080|50%").inputs().raw())
                .containsExactly(new Address(":80", Limit.NONE), new Address("eth0:8080", new Limit.Percent(50)));
    }

    @Test
    void httpTcpWebSocketFlags() throws UsageException {
        RunOptions o = build("--output-http", "http://user:pw@staging|100", "--output-http-workers", "50",
                "--output-http-workers-min", "5", "--output-http-queue-len", "20", "--output-http-timeout", "30s",
                "--output-http-worker-timeout", "1s", "--output-http-redirects", "3", "--output-http-response-buffer",
                "64kb", "--output-http-skip-verify", "--output-http-track-response", "--output-http-stats",
                "--output-http-stats-ms", "100", "--output-http-elasticsearch", "es:9200/gor", "--http-original-host",
                "--input-tcp", ":28020", "--input-tcp-secure", "--input-tcp-certificate", "c.pem",
                "--input-tcp-certificate-key", "k.pem", "--input-tcp-client-ca", "ca.pem", "--output-tcp", "replay:28020",
                "--output-tcp-secure", "--output-tcp-certificate", "oc.pem", "--output-tcp-certificate-key", "ok.pem",
                "--output-tcp-ca", "oca.pem",
                "--output-tcp-skip-verify", "--output-tcp-sticky", "--output-tcp-workers", "4", "--output-tcp-stats",
                "--output-ws", "wss://x/ws", "--output-ws-skip-verify", "--output-ws-sticky", "--output-ws-workers", "2",
                "--output-ws-stats");
        assertThat(o.outputs().http()).containsExactly(new Address("http://user:pw@staging", new Limit.PerSecond(100)));
        assertThat(o.httpOut()).isEqualTo(new HttpOutOptions(new HttpOutOptions.Target(true),
                new HttpOutOptions.Pool(5, 50, 20), new HttpOutOptions.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)),
                new HttpOutOptions.Rewriting(true, 3),
                new HttpOutOptions.Tracking(true, 65536, true, Duration.ofMillis(100), Optional.of("es:9200/gor"))));
        assertThat(o.inputs().tcp()).containsExactly(new Address(":28020", Limit.NONE));
        assertThat(o.outputs().tcp()).containsExactly(new Address("replay:28020", Limit.NONE));
        assertThat(o.tcp()).isEqualTo(new TcpOptions(new TcpOptions.InputSide(true, Optional.of("c.pem"), Optional.of("k.pem"),
                        Optional.of("ca.pem")),
                new TcpOptions.OutputSide(true, true, true, 4, true, new TcpOptions.ClientFiles(Optional.of("oc.pem"),
                        Optional.of("ok.pem"), Optional.of("oca.pem")))));
        assertThat(o.outputs().ws()).containsExactly(new Address("wss://x/ws", Limit.NONE));
        assertThat(o.webSocket()).isEqualTo(new WebSocketOptions(true, true, 2, true));
    }

    @Test
    void kafkaFlags() throws UsageException {
        KafkaOptions k = build("--input-kafka-host", "10.0.0.1:9092, 10.0.0.2:9092", "--input-kafka-topic", "in",
                "--input-kafka-json-format", "--input-kafka-offset", "-2|200%", "--input-kafka-use-sasl",
                "--input-kafka-mechanism", "PLAIN", "--input-kafka-username", "u", "--input-kafka-password", "p",
                "--output-kafka-host", "k:9092", "--output-kafka-topic", "out", "--output-kafka-json-format",
                "--output-kafka-use-sasl", "--output-kafka-mechanism", "SCRAM-SHA-512", "--output-kafka-username", "u2",
                "--output-kafka-password", "p2", "--kafka-tls-ca-cert", "ca.pem", "--kafka-tls-client-cert", "c.pem",
                "--kafka-tls-client-key", "k.pem").kafka();
        assertThat(k.input()).contains(new KafkaEndpoint(List.of("10.0.0.1:9092", "10.0.0.2:9092"), Optional.of("in"), true,
                new KafkaOffset(-2, new Limit.Percent(200)),
                new KafkaEndpoint.Sasl(true, Optional.of("PLAIN"), Optional.of("u"), Optional.of("p"))));
        assertThat(k.output()).contains(new KafkaEndpoint(List.of("k:9092"), Optional.of("out"), true,
                new KafkaOffset(-1, Limit.NONE),
                new KafkaEndpoint.Sasl(true, Optional.of("SCRAM-SHA-512"), Optional.of("u2"), Optional.of("p2"))));
        assertThat(k.tlsCaCert()).contains("ca.pem");
        assertThat(k.tlsClientCert()).contains("c.pem");
        assertThat(k.tlsClientKey()).contains("k.pem");
        assertThat(build("--input-kafka-host", "k:1").kafka().input().orElseThrow().offset())
                .isEqualTo(new KafkaOffset(-1, Limit.NONE));
    }

    @Test
    void filterRewriteSamplingAndPipelineFlags() throws UsageException {
        RunOptions o = build("--http-allow-method", "GET", "--http-allow-method", "OPTIONS", "--http-allow-url", "^www\\.",
                "--http-disallow-url", "/admin", "--http-allow-header", "api-version: ^v1", "--http-disallow-header",
                "User-Agent: Replayed by Gor", "--http-basic-auth-filter", "^customer[0-9].*", "--http-set-header",
                "User-Agent: Gor", "--http-set-header", "X-Env: staging", "--http-set-param", "api_key=1",
                "--http-rewrite-url", "/v1/(.*):/v2/$1", "--http-rewrite-header", "Host: (.*).example.com,$1.beta.example.com",
                "--http-header-limiter", "user-id: 25%", "--http-param-limiter", "user_id: 10%",
                "--middleware", "./mw.sh --flag", "--recognize-tcp-sessions", "--split-output");
        HttpTransformConfig f = o.http();
        assertThat(f.allowMethods()).containsExactly("GET", "OPTIONS");
        assertThat(f.allowUrls()).extracting(Pattern::pattern).containsExactly("^www\\.");
        assertThat(f.disallowUrls()).extracting(Pattern::pattern).containsExactly("/admin");
        assertThat(f.allowHeaders()).extracting(HeaderFilter::name).containsExactly("api-version");
        assertThat(f.disallowHeaders().getFirst().regex().pattern()).isEqualTo("Replayed by Gor");
        assertThat(f.basicAuthFilters()).extracting(Pattern::pattern).containsExactly("^customer[0-9].*");
        assertThat(f.setHeaders()).containsExactly(new HeaderValue("User-Agent", "Gor"), new HeaderValue("X-Env", "staging"));
        assertThat(f.setParams()).containsExactly(new HeaderValue("api_key", "1"));
        assertThat(f.urlRewrites().getFirst().replacement()).isEqualTo("/v2/$1");
        assertThat(f.headerRewrites().getFirst().name()).isEqualTo("Host");
        assertThat(f.headerLimiters()).containsExactly(new HashLimiter("user-id", 25));
        assertThat(f.paramLimiters()).containsExactly(new HashLimiter("user_id", 10));
        assertThat(o.pipeline().middleware()).contains("./mw.sh --flag");
        assertThat(o.pipeline().recognizeTcpSessions()).isTrue();
    }

    @Test
    void outputDummyIsGoReplaysOldNameOfOutputStdout() throws UsageException {
        assertThat(build("--output-dummy", "x")).isEqualTo(build("--output-stdout"));
        assertThat(build("--output-dummy", "--output-dummy", "y", "--output-stdout")).isEqualTo(build("--output-stdout"));
        assertThat(build("--output-dummy").outputs().stdout()).isTrue();
        assertThat(build().outputs().stdout()).isFalse();
    }

    @Test
    void goNamedGroupsAreAcceptedFromTheCommandLine() throws UsageException {
        UrlRewrite r = build("--http-rewrite-url", "(?P<v>v1)/(.*):v2/$2").http().urlRewrites().getFirst();
        assertThat(r.replacement()).isEqualTo("v2/$2");
        assertThat(r.regex().matcher("/v1/users").replaceFirst("v2/$2")).isEqualTo("/v2/users");
    }

    @Test
    void binaryOutputFlagsWithGoReplaysDefaults() throws UsageException {
        RunOptions defaults = build("--input-dummy", "--output-binary", "staging:6379");
        assertThat(defaults.outputs().binary()).containsExactly(new Address("staging:6379", Limit.NONE));
        assertThat(defaults.binaryOut()).isEqualTo(new BinaryOutOptions(0, Duration.ofSeconds(5), false, false, 0));
        RunOptions o = build("--output-binary", "a:1|10", "--output-binary", ":2", "--output-binary-workers", "4",
                "--output-binary-timeout", "250ms", "--output-binary-track-response", "--output-binary-debug",
                "--output-tcp-response-buffer", "1mb");
        assertThat(o.outputs().binary()).extracting(Address::value).containsExactly("a:1", ":2");
        assertThat(o.outputs().binary().getFirst().limit()).isEqualTo(new Limit.PerSecond(10));
        assertThat(o.binaryOut()).isEqualTo(new BinaryOutOptions(4, Duration.ofMillis(250), true, true, 1L << 20));
        assertThatThrownBy(() -> build("--output-binary-workers", "-1"))
                .hasMessageStartingWith("invalid value for --output-binary-workers: '-1'");
        assertThatThrownBy(() -> build("--output-binary-timeout", "soon"))
                .hasMessage("invalid value for --output-binary-timeout: 'soon' (expected a duration like 2s, 500ms or 1m30s)");
        assertThat(CommandLine.parse("--input-dummy", "--output-binary", "b:6379", "--output-binary-track-response",
                "--output-binary-debug", "--output-binary-workers", "2", "--output-binary-timeout", "1s"))
                .isInstanceOf(ParseResult.Run.class);
    }

    @Test
    void badValuesNameTheFlagTheValueAndWhatWasExpected() {
        assertThatThrownBy(() -> build("--output-file-size-limit", "12zb"))
                .hasMessage("invalid value for --output-file-size-limit: '12zb' (expected a size like 32mb or 1g)");
        assertThatThrownBy(() -> build("--input-raw-expire", "2 seconds"))
                .hasMessage("invalid value for --input-raw-expire: '2 seconds' (expected a duration like 2s, 500ms or 1m30s)");
        assertThatThrownBy(() -> build("--exit-after", "-1s"))
                .hasMessageContaining("--exit-after: '-1s'").hasMessageContaining("not negative");
        assertThatThrownBy(() -> build("--input-raw-engine", "npcap"))
                .hasMessage("invalid value for --input-raw-engine: 'npcap' (expected one of libpcap, raw_socket, af_packet, pcap_file, vxlan)");
        assertThatThrownBy(() -> build("--http-allow-url", "(unclosed"))
                .hasMessageStartingWith("invalid value for --http-allow-url: '(unclosed' (expected REGEX; bad regex '(unclosed'");
        assertThatThrownBy(() -> build("--http-set-header", "X-Only-Name"))
                .hasMessage("invalid value for --http-set-header: 'X-Only-Name' (expected 'Name: value')");
        assertThatThrownBy(() -> build("--output-http", "http://x|fast"))
                .hasMessage("invalid value for --output-http: 'http://x|fast' (expected ADDRESS, ADDRESS|N or ADDRESS|N%)");
        assertThatThrownBy(() -> build("--output-tcp-workers", "0")).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> build("--input-raw-vxlan-port", "70000")).hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> build("--input-file-read-depth", "many")).hasMessageContaining("'many'");
        assertThatThrownBy(() -> build("--http-header-limiter", "user-id 25%")).hasMessageContaining("--http-header-limiter");
    }

    @Test
    void everyDefaultParses() throws UsageException {
        RunOptions o = build();
        assertThat(o.inputs().files()).isEmpty();
        for (Flag flag : Flag.values()) {
            if (flag.defaultValue().isPresent()) {
                assertThat(build("--" + flag.flagName(), flag.defaultValue().get())).as(flag.display()).isEqualTo(o);
            }
        }
    }
}
