package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowtap.cli.CommandLineErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Capture flags that only one engine honours are refused, in one line naming the flag, with the others. */
class CaptureRulesTest {
    private static ParseResult.Run ok(String... args) {
        ParseResult result = CommandLine.parse(args);
        assertThat(result).as("parse of %s", List.of(args)).isInstanceOf(ParseResult.Run.class);
        return (ParseResult.Run) result;
    }

    @Test
    void theNewCaptureFlagsParseWithTheirEngine() {
        CaptureOptions c = ok("--input-raw", ":80", "--input-raw-vlan", "--input-raw-vlan-vid", "10",
                "-input-raw-vlan-vid=20", "--input-raw-ignore-interface", "lo", "--input-raw-ignore-interface", "docker0",
                "--output-stdout").options().capture();
        assertThat(c.frames().vlan()).isTrue();
        assertThat(c.frames().vlanIds()).containsExactly(10, 20);
        assertThat(c.frames().ignoreInterfaces()).containsExactly("lo", "docker0");
        CaptureOptions pcap = ok("--input-raw", "lo:80", "--input-raw-engine", "libpcap", "--input-raw-timestamp-type",
                "adapter", "--input-raw-monitor", "--output-stdout").options().capture();
        assertThat(pcap.device().timestampType()).contains("adapter");
        assertThat(pcap.device().monitor()).isTrue();
        CaptureOptions vxlan = ok("--input-raw", ":80", "--input-raw-engine", "vxlan", "--input-raw-vxlan-port", "4790",
                "--input-raw-vxlan-vni", "7", "--input-raw-vxlan-vni", "16777215", "--output-stdout").options().capture();
        assertThat(vxlan.vxlan().port()).isEqualTo(4790);
        assertThat(vxlan.vxlan().vnis()).containsExactly(7, 16_777_215);
        // the host clock is what af_packet stamps with: GoReplay's spellings of it are accepted
        for (String host : List.of("host", "go", "PCAP_TSTAMP_HOST")) {
            ok("--input-raw", ":80", "--input-raw-timestamp-type", host, "--output-stdout");
        }
    }

    @Test
    void aBadValueIsOneLineNamingTheFlag() {
        assertThat(failure("--input-raw", ":80", "--input-raw-vlan-vid", "4096", "--output-stdout"))
                .startsWith("invalid value for --input-raw-vlan-vid: '4096'");
        assertThat(failure("--input-raw", ":80", "--input-raw-vlan-vid", "ten", "--output-stdout"))
                .startsWith("invalid value for --input-raw-vlan-vid: 'ten'");
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "vxlan", "--input-raw-vxlan-vni", "16777216",
                "--output-stdout")).startsWith("invalid value for --input-raw-vxlan-vni: '16777216'");
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "vxlan", "--input-raw-vxlan-port", "0",
                "--output-stdout")).startsWith("invalid value for --input-raw-vxlan-port: '0'");
    }

    @Test
    void flagsOfAnotherEngineAreRefusedNotIgnored() {
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "af_packet", "--input-raw-timestamp-type", "adapter",
                "--output-stdout")).isEqualTo("--input-raw-timestamp-type adapter needs --input-raw-engine libpcap"
                        + " (af_packet stamps frames with the host clock: host)");
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "raw_socket", "--input-raw-monitor", "--output-stdout"))
                .isEqualTo("--input-raw-monitor needs --input-raw-engine libpcap (monitor mode is set through libpcap)");
        assertThat(failure("--input-raw", "x.pcap", "--input-raw-engine", "pcap_file", "--input-raw-ignore-interface", "lo",
                "--output-stdout"))
                .isEqualTo("--input-raw-ignore-interface applies to a live capture on interfaces, not to --input-raw-engine pcap_file");
        assertThat(failure("--input-raw", ":80", "--input-raw-vxlan-vni", "7", "--output-stdout"))
                .isEqualTo("--input-raw-vxlan-vni applies only to --input-raw-engine vxlan");
        assertThat(failure("--input-raw", ":80", "--input-raw-vxlan-port", "4790", "--output-stdout"))
                .isEqualTo("--input-raw-vxlan-port 4790 applies only to --input-raw-engine vxlan");
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "vxlan", "--input-raw-bpf-filter", "tcp", "--output-stdout"))
                .isEqualTo("--input-raw-bpf-filter applies to capture on an interface, not to --input-raw-engine vxlan");
        assertThat(failure("--input-raw", ":80", "--input-raw-protocol", "binary", "--input-raw-realip-header", "X-Real-IP",
                "--output-stdout")).isEqualTo("--input-raw-realip-header needs HTTP: not with --input-raw-protocol binary");
    }

    /** GoReplay 2.x captures Kubernetes pods by k8s:// address; here it is one line with what works instead. */
    @Test
    void aKubernetesAddressSaysPodCaptureIsNotBuiltAndWhatWorks() {
        for (String address : List.of("k8s://default/deployment/nginx:80", "K8S://pod/web-0:8080", "k8s://label/app=web:80")) {
            assertThat(failure("--input-raw", address, "--output-stdout")).isEqualTo("--input-raw " + address
                    + ": Kubernetes pod capture is not built; capture on the node's interface with the pod's port"
                    + " (--input-raw eth0:8080), or mirror the pod's traffic as VXLAN and use --input-raw-engine vxlan");
        }
    }

    @Test
    void theBinaryProtocolParsesAndAnUnknownOneIsOneLine() {
        assertThat(ok("--input-raw", ":6379", "--input-raw-protocol", "binary", "--output-stdout").options().capture()
                .protocol()).isEqualTo(CaptureProtocol.BINARY);
        assertThat(failure("--input-raw", ":80", "--input-raw-protocol", "grpc", "--output-stdout"))
                .isEqualTo("invalid value for --input-raw-protocol: 'grpc' (expected http or binary)");
    }
}
