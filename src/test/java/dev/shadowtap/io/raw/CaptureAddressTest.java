package dev.shadowtap.io.raw;

import dev.shadowtap.capture.CaptureAddress;
import dev.shadowtap.capture.CaptureEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureAddressTest {
    @TempDir
    Path dir;

    @Test
    void liveAddressesNameTheInterfaceAndPorts() throws IOException {
        assertThat(CaptureAddress.parse(":80", CaptureEngine.AF_PACKET)).isEqualTo(new CaptureAddress("any", List.of(80), Optional.empty()));
        assertThat(CaptureAddress.parse(":80,8080,80", CaptureEngine.AF_PACKET).ports()).containsExactly(80, 8080);
        assertThat(CaptureAddress.parse("127.0.0.1:8000", CaptureEngine.AF_PACKET).interfaceName()).isEqualTo("lo");
        assertThat(CaptureAddress.parse("[::1]:8000", CaptureEngine.LIBPCAP).interfaceName()).isEqualTo("lo");
        assertThat(CaptureAddress.parse("lo:8000", CaptureEngine.AF_PACKET).interfaceName()).isEqualTo("lo");
        assertThat(CaptureAddress.parse("0.0.0.0:8000", CaptureEngine.AF_PACKET).interfaceName()).isEqualTo("any");
    }

    @Test
    void aCaptureFileGivenWithoutTheFileEngineSaysWhichEngineReadsIt() throws IOException {
        Path pcap = Files.write(dir.resolve("cap.pcap"), new byte[24]);
        assertThatThrownBy(() -> CaptureAddress.parse(pcap.toString(), CaptureEngine.AF_PACKET))
                .hasMessage("--input-raw " + pcap + ": expected :port, ip:port or interface:port"
                        + " (a capture file is read with --input-raw-engine pcap_file)");
    }

    @Test
    void badAddressesAreOneLineNamingTheAddress() {
        assertThatThrownBy(() -> CaptureAddress.parse("80", CaptureEngine.AF_PACKET))
                .hasMessage("--input-raw 80: expected :port, ip:port or interface:port");
        assertThatThrownBy(() -> CaptureAddress.parse(":0", CaptureEngine.AF_PACKET))
                .hasMessage("--input-raw :0: port 0 is not from 1 to 65535");
        assertThatThrownBy(() -> CaptureAddress.parse("[::1:80", CaptureEngine.AF_PACKET))
                .hasMessage("--input-raw [::1:80: expected [ipv6]:port");
        assertThatThrownBy(() -> CaptureAddress.parse("192.0.2.77:80", CaptureEngine.AF_PACKET))
                .hasMessage("--input-raw 192.0.2.77:80: no interface has the address 192.0.2.77");
    }

    @Test
    void aFileMayCarryPorts() throws IOException {
        Path file = Files.createFile(dir.resolve("c.pcap"));
        assertThat(CaptureAddress.parse(file.toString(), CaptureEngine.PCAP_FILE))
                .isEqualTo(new CaptureAddress("", List.of(), Optional.of(file)));
        assertThat(CaptureAddress.parse(file + ":80,81", CaptureEngine.PCAP_FILE))
                .isEqualTo(new CaptureAddress("", List.of(80, 81), Optional.of(file)));
    }
}
