package dev.shadowtap.io.tcp;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PEM files as Go's {@code tls.LoadX509KeyPair} reads them: a certificate chain (the JDK's own
 * certificate reader) and a private key in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE
 * KEY}) or SEC1 ({@code EC PRIVATE KEY}) form, through BouncyCastle's PEM parser: the JDK has no PEM
 * key reader but a preview API. Every failure is an {@link IOException} of one line naming the file.
 * Also read for the Kafka TLS files ({@code io.kafka.KafkaTls}).
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** Every certificate in the file, in order (the leaf first for a chain); at least one. */
    public static X509Certificate[] certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IOException(file + ": no PEM certificate in it");
            }
            return certificates.toArray(X509Certificate[]::new);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied");
        }
    }

    /** The first private key in the file. */
    public static PrivateKey privateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                switch (item) {
                    case PEMKeyPair pair -> {
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    default -> {
                        // a certificate or parameters block beside the key: read on
                    }
                }
            }
            throw new IOException(file + ": no unencrypted PEM private key in it (PRIVATE KEY, RSA PRIVATE KEY"
                    + " or EC PRIVATE KEY)");
        } catch (PEMException e) {
            throw new IOException(file + ": not a readable PEM private key (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + ": not a readable PEM file (" + e.getMessage() + ")");
        }
    }
}
