package dev.shadowtap.io.kafka;

import dev.shadowtap.io.tcp.PemFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * TLS for every Kafka input and output ({@code --kafka-tls-ca-cert}, {@code --kafka-tls-client-cert},
 * {@code --kafka-tls-client-key}), as GoReplay: on when a CA or a client certificate is given; without a
 * CA the JDK's trusted authorities check the brokers. The files are read once, as Go's
 * {@code tls.LoadX509KeyPair} reads them (PKCS#8, PKCS#1 or SEC1 keys), and handed to kafka-clients as
 * its PEM stores, the key as PKCS#8 (the only form it reads). Holds PEM text.
 */
public record KafkaTls(Optional<String> authorities, Optional<String> chain, Optional<String> key) {
    public KafkaTls {
        Objects.requireNonNull(authorities, "authorities");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(key, "key");
        if (chain.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    /**
     * Reads the files; a file that is missing, unreadable or not PEM, or a key that does not belong to the
     * certificate, is one line naming the flag and the file.
     */
    public static KafkaTls load(Optional<Path> ca, Optional<Path> certificate, Optional<Path> key) throws IOException {
        Optional<String> authorities = ca.isEmpty() ? Optional.empty()
                : Optional.of(pem(flagged("--kafka-tls-ca-cert", () -> PemFiles.certificates(ca.get()))));
        if (certificate.isEmpty() || key.isEmpty()) {
            if (certificate.isPresent() || key.isPresent()) {
                throw new IOException(certificate.isPresent() ? "--kafka-tls-client-cert needs --kafka-tls-client-key"
                        : "--kafka-tls-client-key needs --kafka-tls-client-cert");
            }
            return new KafkaTls(authorities, Optional.empty(), Optional.empty());
        }
        X509Certificate[] chain = flagged("--kafka-tls-client-cert", () -> PemFiles.certificates(certificate.get()));
        PrivateKey privateKey = flagged("--kafka-tls-client-key", () -> PemFiles.privateKey(key.get()));
        if (!belongs(privateKey, chain[0])) {
            throw new IOException("--kafka-tls-client-key " + key.get() + ": not the key of the certificate in "
                    + certificate.get());
        }
        return new KafkaTls(authorities, Optional.of(pem(chain)),
                Optional.of(pem("PRIVATE KEY", privateKey.getEncoded())));
    }

    /** The client settings: SSL, or SASL_SSL with a login; the CA and the client's certificate and key. */
    void addTo(Properties p, boolean sasl) {
        p.put("security.protocol", sasl ? "SASL_SSL" : "SSL");
        authorities.ifPresent(text -> {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.certificates", text);
        });
        if (chain.isPresent()) {
            p.put("ssl.keystore.type", "PEM");
            p.put("ssl.keystore.certificate.chain", chain.get());
            p.put("ssl.keystore.key", key.orElseThrow());
        }
    }

    private interface Read<T> {
        T read() throws IOException;
    }

    private static <T> T flagged(String flag, Read<T> read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            throw new IOException(flag + " " + e.getMessage());
        }
    }

    /** Signs a few bytes with the key and checks them with the certificate, for the key kinds Kafka reads. */
    private static boolean belongs(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true; // the broker's handshake judges it
        }
        try {
            byte[] probe = "shadowtap".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String pem(X509Certificate[] certificates) throws IOException {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                text.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IOException("a certificate that cannot be encoded: " + e.getMessage());
            }
        }
        return text.toString();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
