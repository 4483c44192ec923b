package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.tcp.TestPki;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS against the real broker's TLS listeners ({@code tls}: server certificate only; {@code mtls}: a client
 * certificate is required; {@code sasl_ssl}): both ways on each, GoReplay's key forms, and each refusal
 * as one line naming the address, or the flag and the file.
 */
@ExtendWith(KafkaBroker.class)
class KafkaTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static Path file(String name) {
        return KafkaBroker.tlsFiles().resolve(name);
    }

    private static KafkaTls caOnly() throws IOException {
        return KafkaTls.load(Optional.of(file("ca.crt")), Optional.empty(), Optional.empty());
    }

    private static KafkaTls mutual(Path certificate, Path key) throws IOException {
        return KafkaTls.load(Optional.of(file("ca.crt")), Optional.of(certificate), Optional.of(key));
    }

    /** Writes a small recording through the output and reads it back through the input, both on {@code target}. */
    private static void roundTrip(KafkaTarget unnamed) throws Exception {
        KafkaTarget target = new KafkaTarget(unnamed.hosts(), KafkaBroker.newTopic(2), unnamed.sasl(), unnamed.tls());
        List<Message> sent = KafkaRoundTripTest.recording(3, 4);
        StageStats out = new StageStats("o");
        try (KafkaOutput output = KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), out, Log.SILENT)) {
            for (Message m : sent) {
                output.write(m);
            }
        }
        assertThat(out.droppedTotal()).isZero();
        List<Message> read = new ArrayList<>();
        try (KafkaInput input = KafkaInput.open(new KafkaInputConfig(target, KafkaFormat.RAW, KafkaStart.OLDEST, 0, WAIT),
                new StageStats("i"), Log.SILENT)) {
            while (read.size() < sent.size()) {
                read.add(input.read());
            }
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void theCaAloneReachesAServerAuthenticatedListener() throws Exception {
        roundTrip(new KafkaTarget(List.of(KafkaBroker.tlsBootstrap("tls")), "t", Optional.empty(), Optional.of(caOnly())));
    }

    @Test
    void aClientCertificateReachesAListenerThatRequiresOne() throws Exception {
        roundTrip(new KafkaTarget(List.of(KafkaBroker.tlsBootstrap("mtls")), "t", Optional.empty(),
                Optional.of(mutual(file("client.crt"), file("client.key")))));
    }

    @Test
    void goReplaysKeyFormsServeAsClientKeys() throws Exception {
        // SEC1 "EC PRIVATE KEY" and PKCS#1 "RSA PRIVATE KEY", as openssl writes them; kafka-clients reads only PKCS#8
        TestPki.Pair sec1 = TestPki.server(dir, KafkaBroker.tlsAuthority(), "sec1", TestPki.KeyForm.TRADITIONAL);
        TestPki.Pair rsa = TestPki.rsaServer(dir, KafkaBroker.tlsAuthority(), "rsa", TestPki.KeyForm.TRADITIONAL);
        assertThat(Files.readString(sec1.key())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(rsa.key())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        for (TestPki.Pair pair : List.of(sec1, rsa)) {
            roundTrip(new KafkaTarget(List.of(KafkaBroker.tlsBootstrap("mtls")), "t", Optional.empty(),
                    Optional.of(mutual(pair.certificate(), pair.key()))));
        }
    }

    @Test
    void saslGoesOverTls() throws Exception {
        roundTrip(new KafkaTarget(List.of(KafkaBroker.tlsBootstrap("sasl_ssl")), "t",
                Optional.of(new KafkaSasl(KafkaSasl.Mechanism.SCRAM_SHA_512, KafkaBroker.SASL_USER, KafkaBroker.SASL_PASSWORD)),
                Optional.of(caOnly())));
    }

    @Test
    void aClientWithoutACertificateIsRefusedInOneLineNamingTheAddress() throws Exception {
        String address = KafkaBroker.tlsBootstrap("mtls");
        KafkaTarget target = new KafkaTarget(List.of(address), KafkaBroker.newTopic(1), Optional.empty(), Optional.of(caOnly()));
        assertRefused(target, address);
    }

    @Test
    void aClientWithoutTheBrokersCaIsRefusedInOneLineNamingTheAddress() throws Exception {
        String address = KafkaBroker.tlsBootstrap("tls");
        TestPki.Authority other = TestPki.authority(dir, "other-ca");
        KafkaTarget target = new KafkaTarget(List.of(address), KafkaBroker.newTopic(1), Optional.empty(),
                Optional.of(KafkaTls.load(Optional.of(other.ca()), Optional.empty(), Optional.empty())));
        assertRefused(target, address);
        // no CA at all: the JDK's authorities do not know the broker's either
        TestPki.Pair client = TestPki.client(dir, KafkaBroker.tlsAuthority(), "no-ca");
        KafkaTarget noCa = new KafkaTarget(List.of(KafkaBroker.tlsBootstrap("mtls")), target.topic(), Optional.empty(),
                Optional.of(KafkaTls.load(Optional.empty(), Optional.of(client.certificate()), Optional.of(client.key()))));
        assertRefused(noCa, KafkaBroker.tlsBootstrap("mtls"));
    }

    private static void assertRefused(KafkaTarget target, String address) {
        assertThatThrownBy(() -> KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), new StageStats("o"), Log.SILENT))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("--output-kafka-host " + address + ": the TLS handshake failed: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> KafkaInput.open(new KafkaInputConfig(target, KafkaFormat.RAW, KafkaStart.OLDEST, 0, WAIT),
                new StageStats("i"), Log.SILENT))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("--input-kafka-host " + address + ": the TLS handshake failed: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void tlsToAPlaintextListenerSaysToCheckTheListener() throws Exception {
        String address = KafkaBroker.bootstrap();
        KafkaTarget target = new KafkaTarget(List.of(address), KafkaBroker.newTopic(1), Optional.empty(), Optional.of(caOnly()));
        assertThatThrownBy(() -> KafkaInput.open(new KafkaInputConfig(target, KafkaFormat.RAW, KafkaStart.OLDEST, 0,
                Duration.ofSeconds(2)), new StageStats("i"), Log.SILENT))
                .hasMessage("--input-kafka-host " + address + ": no broker answered within 2 s (topic '" + target.topic()
                        + "'); over TLS: is it the broker's TLS listener?");
    }

    @Test
    void aBadFileIsOneLineNamingTheFlagAndTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> KafkaTls.load(Optional.of(missing), Optional.empty(), Optional.empty()))
                .hasMessage("--kafka-tls-ca-cert " + missing + ": no such file");
        Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate\n");
        assertThatThrownBy(() -> KafkaTls.load(Optional.of(text), Optional.empty(), Optional.empty()))
                .hasMessageStartingWith("--kafka-tls-ca-cert " + text + ": ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> KafkaTls.load(Optional.empty(), Optional.of(text), Optional.of(file("client.key"))))
                .hasMessageStartingWith("--kafka-tls-client-cert " + text + ": ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> KafkaTls.load(Optional.empty(), Optional.of(file("client.crt")), Optional.of(file("client.crt"))))
                .hasMessageStartingWith("--kafka-tls-client-key " + file("client.crt") + ": no unencrypted PEM private key");
        assertThatThrownBy(() -> KafkaTls.load(Optional.empty(), Optional.of(file("client.crt")), Optional.of(file("server.key"))))
                .hasMessage("--kafka-tls-client-key " + file("server.key") + ": not the key of the certificate in "
                        + file("client.crt"));
    }
}
