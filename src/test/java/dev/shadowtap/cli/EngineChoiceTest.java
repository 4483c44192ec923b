package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowtap.cli.CommandLineErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The capture engine chosen as GoReplay chooses it, with one line when the choice is made for the user. */
class EngineChoiceTest {
    private static ParseResult.Run ok(String... args) {
        ParseResult result = CommandLine.parse(args);
        assertThat(result).as("parse of %s: %s", List.of(args), result).isInstanceOf(ParseResult.Run.class);
        return (ParseResult.Run) result;
    }

    @Test
    void aCaptureFileNamePicksThePcapFileEngineByItself() {
        for (String file : List.of("capture.pcap", "dir/CAPTURE.PCAP", "c.pcapng", "c.PcapNG", "c.pcap.gz", "c.pcapng.gz",
                "capture.pcap:80", "capture.pcap:80,8080")) {
            ParseResult.Run run = ok("--input-raw", file, "--output-stdout");
            assertThat(run.options().capture().engine()).as(file).isEqualTo(CaptureEngine.PCAP_FILE);
            assertThat(run.notes()).as("GoReplay picks it silently").isEmpty();
        }
        assertThat(ok("--input-raw", "a.pcap", "--input-raw", "b.pcapng|50%", "--output-stdout").options().capture().engine())
                .isEqualTo(CaptureEngine.PCAP_FILE);
        assertThat(ok("--input-raw", ":80", "--output-stdout").options().capture().engine()).isEqualTo(CaptureEngine.AF_PACKET);
        assertThat(ok("--input-raw", "pcap:80", "--output-stdout").options().capture().engine())
                .as("an interface named pcap is not a file").isEqualTo(CaptureEngine.AF_PACKET);
    }

    @Test
    void aCaptureFileIsReadAsAFileWhateverEngineIsNamedAsInGoReplaySaidInOneLine() {
        ParseResult.Run run = ok("--input-raw-engine", "libpcap", "--input-raw", "capture.pcap", "--output-stdout");
        assertThat(run.options().capture().engine()).isEqualTo(CaptureEngine.PCAP_FILE);
        assertThat(run.notes()).containsExactly(
                "--input-raw capture.pcap is a capture file: read with engine pcap_file, not libpcap (as GoReplay does)");
        assertThat(ok("--input-raw-engine", "pcap_file", "--input-raw", "c.pcap", "--output-stdout").notes()).isEmpty();
    }

    @Test
    void filesAndLiveCapturesCannotShareTheOneEngine() {
        assertThat(failure("--input-raw", "c.pcap", "--input-raw", ":80", "--output-stdout"))
                .isEqualTo("--input-raw c.pcap is a capture file (engine pcap_file) and --input-raw :80 a live capture:"
                        + " one engine serves every --input-raw, so run them in two shadowtaps");
    }

    @Test
    void aFlagOnlyLibpcapHonoursSelectsLibpcapWhenNoEngineIsNamed() {
        ParseResult.Run monitor = ok("--input-raw", "wlan0:80", "--input-raw-monitor", "--output-stdout");
        assertThat(monitor.options().capture().engine()).isEqualTo(CaptureEngine.LIBPCAP);
        assertThat(monitor.notes()).containsExactly("--input-raw-monitor: capturing with engine libpcap, the only one"
                + " that honours it (no --input-raw-engine was named)");
        for (String type : List.of("adapter", "PCAP_TSTAMP_ADAPTER_UNSYNCED", "host_hiprec", "pcap_tstamp_host_lowprec")) {
            ParseResult.Run run = ok("--input-raw", ":80", "--input-raw-timestamp-type", type, "--output-stdout");
            assertThat(run.options().capture().engine()).as(type).isEqualTo(CaptureEngine.LIBPCAP);
            assertThat(run.notes()).singleElement().asString().startsWith("--input-raw-timestamp-type " + type + ": capturing with engine libpcap");
        }
        for (String host : List.of("host", "PCAP_TSTAMP_HOST", "go")) {
            ParseResult.Run run = ok("--input-raw", ":80", "--input-raw-timestamp-type", host, "--output-stdout");
            assertThat(run.options().capture().engine()).as(host).isEqualTo(CaptureEngine.AF_PACKET);
            assertThat(run.notes()).isEmpty();
        }
        // a named engine is kept, and the flag it cannot honour refused as before
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "af_packet", "--input-raw-monitor", "--output-stdout"))
                .startsWith("--input-raw-monitor needs --input-raw-engine libpcap");
        // a file's frames carry the file's times: a timestamp type cannot apply
        assertThat(failure("--input-raw", "c.pcap", "--input-raw-timestamp-type", "adapter", "--output-stdout"))
                .startsWith("--input-raw-timestamp-type adapter needs --input-raw-engine libpcap (pcap_file stamps frames with the file's times)");
    }

    @Test
    void theDefaultVxlanPortIsAcceptedWithEveryEngine() {
        for (String engine : List.of("af_packet", "raw_socket", "libpcap", "vxlan")) {
            ParseResult.Run run = ok("--input-raw", ":80", "--input-raw-engine", engine, "--input-raw-vxlan-port", "4789",
                    "--output-stdout");
            assertThat(run.options().capture().vxlan().port()).isEqualTo(4789);
        }
        ok("--input-raw", "c.pcap", "--input-raw-vxlan-port", "4789", "--output-stdout");
        ok("--input-raw", ":80", "--input-raw-vxlan-port", "0x12b5", "--output-stdout");
        assertThat(failure("--input-raw", ":80", "--input-raw-engine", "libpcap", "--input-raw-vxlan-port", "8472",
                "--output-stdout")).isEqualTo("--input-raw-vxlan-port 8472 applies only to --input-raw-engine vxlan");
    }
}
