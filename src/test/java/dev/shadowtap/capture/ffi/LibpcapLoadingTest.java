package dev.shadowtap.capture.ffi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LibpcapLoadingTest {
    @Test
    void aMissingLibraryIsOneLineNamingThePackage() {
        assertThatThrownBy(() -> Libpcap.load(List.of("libpcap-not-here.so.9", "libnothing.so.0")))
                .isInstanceOf(NativeCaptureException.class)
                .hasMessage("libpcap is not installed: apt-get install libpcap0.8");
    }

    @Test
    void theDebianNameComesFirstThenTheUpstreamOnes() {
        assertThat(Libpcap.LIBRARY_NAMES).startsWith("libpcap.so.0.8", "libpcap.so.1");
    }

    @Test
    void loadsTheSystemLibpcapWhenInstalled() {
        CaptureRights.assumeLibpcap();
        assertThat(Libpcap.load().version()).startsWith("libpcap version ");
    }
}
