package dev.shadowtap.io.tcp;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.RecordingLog;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS and mutual TLS between a TCP output and input, with PEM files made at test time. */
class TcpTlsTest {
    @TempDir
    Path dir;
    private final RecordingLog log = new RecordingLog();
    private TestPki.Authority ca;
    private TestPki.Pair server;

    @BeforeEach
    void pki() throws Exception {
        ca = TestPki.authority(dir, "test-ca");
        server = TestPki.server(dir, ca, "receiver", TestPki.KeyForm.TRADITIONAL);
    }

    private TcpInput listen(Optional<Path> clientCa, StageStats stage) throws IOException {
        return TcpFixtures.listen(Optional.of(new TcpTls.Server(server.certificate(), server.key(), clientCa)), 1 << 20, stage, log);
    }

    private TcpOutput send(int port, TcpTls.Client tls, StageStats stage) throws IOException {
        return new TcpOutput(new TcpOutputConfig(new TcpAddress("127.0.0.1", port), 2, false, Optional.of(tls), false,
                TcpFixtures.fastLimits()), stage, log);
    }

    private static List<Message> deliver(TcpOutput output, TcpInput input, int count) throws Exception {
        List<Message> sent = TcpFixtures.requests(0, count);
        for (Message m : sent) {
            output.write(m);
        }
        List<Message> got = TcpFixtures.read(input, count, Duration.ofSeconds(15));
        output.close();
        assertThat(got).containsExactlyInAnyOrderElementsOf(sent);
        return got;
    }

    @Test
    void tlsWithTheReceiversCertificateVerifiedAgainstItsCa() throws Exception {
        StageStats in = new StageStats("input-tcp");
        try (TcpInput input = listen(Optional.empty(), in)) {
            deliver(send(input.port(), new TcpTls.Client(false, Optional.of(ca.ca()), Optional.empty(), Optional.empty()),
                    new StageStats("output-tcp")), input, 200);
        }
        assertThat(in.droppedTotal()).isZero();
    }

    @Test
    void skipVerifyAcceptsAnyCertificateAsGoReplaysDoes() throws Exception {
        try (TcpInput input = listen(Optional.empty(), new StageStats("input-tcp"))) {
            deliver(send(input.port(), new TcpTls.Client(true, Optional.empty(), Optional.empty(), Optional.empty()),
                    new StageStats("output-tcp")), input, 50);
        }
    }

    @Test
    void aReceiverWhoseCertificateTheSenderDoesNotTrustGetsNothing() throws Exception {
        StageStats out = new StageStats("output-tcp");
        TestPki.Authority other = TestPki.authority(dir, "other-ca");
        try (TcpInput input = listen(Optional.empty(), new StageStats("input-tcp"))) {
            TcpOutput output = send(input.port(), new TcpTls.Client(false, Optional.of(other.ca()), Optional.empty(),
                    Optional.empty()), out);
            TcpReceiverRobustnessTest.waitFor(() -> log.warnings().stream().anyMatch(l -> l.contains("cannot connect")));
            output.write(TcpFixtures.request(1));
            output.close();
            assertThat(TcpFixtures.read(input, 1, Duration.ofMillis(300))).isEmpty();
        }
        assertThat(out.dropped(Reason.UNSENT_AT_CLOSE)).isEqualTo(1);
    }

    @Test
    void mutualTlsLetsInASenderWithACertificateTheCaSignedAndRefusesOthersInOneLineEach() throws Exception {
        TestPki.Pair client = TestPki.client(dir, ca, "sender");
        TestPki.Authority stranger = TestPki.authority(dir, "stranger-ca");
        TestPki.Pair foreign = TestPki.client(dir, stranger, "foreign");
        StageStats in = new StageStats("input-tcp");
        StageStats refusedB = new StageStats("output-tcp b");
        StageStats refusedC = new StageStats("output-tcp c");
        try (TcpInput input = listen(Optional.of(ca.ca()), in)) {
            deliver(send(input.port(), new TcpTls.Client(false, Optional.of(ca.ca()), Optional.of(client.certificate()),
                    Optional.of(client.key())), new StageStats("output-tcp a")), input, 100);

            TcpOutput noCertificate = send(input.port(), new TcpTls.Client(true, Optional.empty(), Optional.empty(),
                    Optional.empty()), refusedB);
            TcpOutput wrongCa = send(input.port(), new TcpTls.Client(true, Optional.empty(),
                    Optional.of(foreign.certificate()), Optional.of(foreign.key())), refusedC);
            TcpReceiverRobustnessTest.waitFor(() -> log.warnings().stream().filter(l -> l.contains("cannot connect")).count() >= 2);
            noCertificate.write(TcpFixtures.request(1));
            wrongCa.write(TcpFixtures.request(2));
            try (Socket plaintext = new Socket(InetAddress.getLoopbackAddress(), input.port())) {
                plaintext.getOutputStream().write(new RecordEncoder().encode(TcpFixtures.request(3)).bytes());
                TcpReceiverRobustnessTest.waitFor(() -> in.dropped(Reason.TLS_REFUSED) >= 5);
            }
            noCertificate.close();
            wrongCa.close();
            assertThat(TcpFixtures.read(input, 1, Duration.ofMillis(300))).isEmpty();
        }
        // a refused sender knows it: its records are counted, never written into a refused connection
        assertThat(refusedB.dropped(Reason.UNSENT_AT_CLOSE)).isEqualTo(1);
        assertThat(refusedC.dropped(Reason.UNSENT_AT_CLOSE)).isEqualTo(1);
        List<String> refusals = log.warnings().stream().filter(l -> l.contains("TLS handshake with 127.0.0.1:")).toList();
        assertThat(refusals).isNotEmpty().allMatch(l -> l.contains("counted tls-refused") && !l.contains("\n")
                && !l.contains("Exception"));
    }

    @Test
    void pemKeysInEveryFormGoReadsLoad() throws Exception {
        for (TestPki.KeyForm form : TestPki.KeyForm.values()) {
            TestPki.Pair ec = TestPki.server(dir, ca, "ec-" + form, form);
            TestPki.Pair rsa = TestPki.rsaServer(dir, ca, "rsa-" + form, form);
            assertThat(PemFiles.privateKey(ec.key()).getAlgorithm()).isEqualTo("EC");
            assertThat(PemFiles.privateKey(rsa.key()).getAlgorithm()).isEqualTo("RSA");
            assertThat(Files.readString(rsa.key())).contains(form == TestPki.KeyForm.PKCS8 ? "BEGIN PRIVATE KEY"
                    : "BEGIN RSA PRIVATE KEY");
            assertThat(Files.readString(ec.key())).contains(form == TestPki.KeyForm.PKCS8 ? "BEGIN PRIVATE KEY"
                    : "BEGIN EC PRIVATE KEY");
        }
        assertThat(PemFiles.certificates(server.certificate())).hasSize(1);
    }

    @Test
    void aBadPemFileIsOneLineNamingTheFlagAndTheFile() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a pem\n");
        assertThatThrownBy(() -> TlsContexts.server(new TcpTls.Server(server.certificate(), junk, Optional.empty())))
                .isInstanceOf(IOException.class).hasMessageStartingWith("--input-tcp-certificate-key " + junk + ": ");
        assertThatThrownBy(() -> TlsContexts.server(new TcpTls.Server(junk, server.key(), Optional.empty())))
                .isInstanceOf(IOException.class).hasMessageStartingWith("--input-tcp-certificate " + junk + ": ");
        assertThatThrownBy(() -> TlsContexts.server(new TcpTls.Server(dir.resolve("missing.crt"), server.key(), Optional.empty())))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.crt: no such file");
        assertThatThrownBy(() -> TlsContexts.server(new TcpTls.Server(server.certificate(), server.key(), Optional.of(junk))))
                .isInstanceOf(IOException.class).hasMessageStartingWith("--input-tcp-client-ca " + junk + ": ");
    }
}
