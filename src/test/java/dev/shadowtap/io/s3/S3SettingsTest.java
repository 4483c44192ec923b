package dev.shadowtap.io.s3;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the endpoint comes from, and how s3:// names split into bucket and key. */
class S3SettingsTest {
    private static final Map<String, String> BOTH = Map.of("AWS_ENDPOINT_URL_S3", "http://s3-only:9000",
            "AWS_ENDPOINT_URL", "http://every-service:9000");

    @Test
    void theFlagBeatsTheServiceVariableWhichBeatsTheGeneralOne() {
        assertThat(S3Settings.of(Optional.of("http://flag:9000"), BOTH).endpoint()).contains(URI.create("http://flag:9000"));
        assertThat(S3Settings.of(Optional.empty(), BOTH).endpoint()).contains(URI.create("http://s3-only:9000"));
        assertThat(S3Settings.of(Optional.empty(), BOTH).describe())
                .isEqualTo("endpoint http://s3-only:9000 from AWS_ENDPOINT_URL_S3");
        assertThat(S3Settings.of(Optional.empty(), Map.of("AWS_ENDPOINT_URL", "https://r2.example")).endpoint())
                .contains(URI.create("https://r2.example"));
        assertThat(S3Settings.of(Optional.empty(), Map.of()).endpoint()).isEmpty();
        assertThat(S3Settings.of(Optional.empty(), Map.of()).describe()).isEqualTo("AWS S3");
    }

    @Test
    void anEndpointThatIsNotHttpIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> S3Settings.of(Optional.empty(), Map.of("AWS_ENDPOINT_URL", "localhost:9000")))
                .hasMessage("AWS_ENDPOINT_URL localhost:9000: needs http:// or https:// and a host (http://127.0.0.1:9000)");
        assertThatThrownBy(() -> S3Settings.of(Optional.of("http://"), Map.of()))
                .hasMessageStartingWith("--s3-endpoint http://: ");
    }

    @Test
    void namesSplitAtTheFirstSlash() {
        assertThat(S3Location.parse("--input-file", "s3://logs/2026/12/")).isEqualTo(new S3Location("logs", "2026/12/"));
        assertThat(S3Location.parse("--input-file", "s3://logs")).isEqualTo(new S3Location("logs", ""));
        assertThat(S3Location.parseOutput("s3://logs/%Y/%m/requests_%t.gor.gz").key()).isEqualTo("%Y/%m/requests_%t.gor.gz");
        assertThat(S3Location.isS3("S3://logs/x")).isTrue();
        assertThat(S3Location.isS3("s3:x")).isFalse();
        assertThatThrownBy(() -> S3Location.parseOutput("s3://logs/a//b.gor")).hasMessageContaining("may not");
        assertThatThrownBy(() -> S3Location.parse("--output-file", "s3://%Y/x")).hasMessageContaining("bucket cannot");
    }
}
