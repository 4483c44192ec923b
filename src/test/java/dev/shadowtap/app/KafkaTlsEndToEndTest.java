package dev.shadowtap.app;

import dev.shadowtap.io.kafka.KafkaBroker;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's {@code --kafka-tls-*} flags on a real broker's listener that requires a client certificate. */
@ExtendWith(KafkaBroker.class)
class KafkaTlsEndToEndTest {
    @TempDir
    Path dir;

    private static String[] tls() {
        Path files = KafkaBroker.tlsFiles();
        return new String[] {"--kafka-tls-ca-cert", files.resolve("ca.crt").toString(),
                "--kafka-tls-client-cert", files.resolve("client.crt").toString(),
                "--kafka-tls-client-key", files.resolve("client.key").toString()};
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aRecordingGoesThroughATopicOverMutualTls() throws Exception {
        String topic = KafkaBroker.newTopic(2);
        String mtls = KafkaBroker.tlsBootstrap("mtls");
        List<Message> records = Gor.records(200, 1, 5);
        Path in = Gor.write(dir.resolve("in.gor"), records);
        Run write = Run.of(concat(tls(), "--input-file", in.toString(), "--output-kafka-host", mtls,
                "--output-kafka-topic", topic, "--stats"));
        assertThat(write.status()).as(write.err()).isZero();
        assertThat(write.err()).contains("output-kafka " + mtls + "/" + topic).contains("200 msgs").contains("0 messages dropped in all");

        Path out = dir.resolve("out.gor");
        Run read = Run.of(concat(tls(), "--input-kafka-host", mtls, "--input-kafka-topic", topic,
                "--input-kafka-offset", "-2|1000%", "--output-file", out.toString(), "--output-file-append", "--exit-after", "4s"));
        assertThat(read.status()).as(read.err()).isZero();
        assertThat(Gor.read(out)).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void withoutTheClientCertificateTheRunStopsWithOneLineNamingTheAddress() {
        String mtls = KafkaBroker.tlsBootstrap("mtls");
        Run run = Run.of("--input-kafka-host", mtls, "--input-kafka-topic", "t", "--output-null",
                "--kafka-tls-ca-cert", KafkaBroker.tlsFiles().resolve("ca.crt").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("shadowtap: --input-kafka-host " + mtls + ": the TLS handshake failed: ")
                .doesNotContain("\n");
    }

    @Test
    void aMissingFileStopsTheRunWithOneLineNamingTheFlagAndTheFile() throws Exception {
        Path missing = dir.resolve("nope.key");
        Path in = Gor.write(dir.resolve("in.gor"), Gor.records(3, 1, 5));
        Run run = Run.of("--input-file", in.toString(), "--output-kafka-host", KafkaBroker.tlsBootstrap("mtls"),
                "--output-kafka-topic", "t", "--kafka-tls-client-cert", KafkaBroker.tlsFiles().resolve("client.crt").toString(),
                "--kafka-tls-client-key", missing.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("shadowtap: --kafka-tls-client-key " + missing + ": no such file");
        assertThat(Files.exists(missing)).isFalse();
    }
}
