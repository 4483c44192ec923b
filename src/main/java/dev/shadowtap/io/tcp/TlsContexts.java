package dev.shadowtap.io.tcp;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** SSL contexts from PEM files: the listener's, and the sender's (which may present a certificate). */
final class TlsContexts {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    static SSLContext server(TcpTls.Server tls) throws IOException {
        return context(keyManagers(tls.certificate(), tls.key(), "--input-tcp"),
                tls.clientCa().isPresent() ? trustManagers(tls.clientCa().get(), "--input-tcp-client-ca") : null);
    }

    static SSLContext client(TcpTls.Client tls) throws IOException {
        KeyManager[] keys = tls.certificate().isPresent()
                ? keyManagers(tls.certificate().get(), tls.key().orElseThrow(), "--output-tcp") : null;
        TrustManager[] trust = tls.skipVerify() ? new TrustManager[] {new dev.shadowtap.core.TrustAllCertificates()}
                : tls.ca().isPresent() ? trustManagers(tls.ca().get(), "--output-tcp-ca") : null;
        return context(keys, trust);
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS cannot be set up: " + e.getMessage());
        }
    }

    /** {@code side} is the flags' prefix, {@code --input-tcp} or {@code --output-tcp}. */
    private static KeyManager[] keyManagers(Path certificate, Path key, String side) throws IOException {
        X509Certificate[] chain;
        PrivateKey privateKey;
        try {
            chain = PemFiles.certificates(certificate);
        } catch (IOException e) {
            throw new IOException(side + "-certificate " + e.getMessage());
        }
        try {
            privateKey = PemFiles.privateKey(key);
        } catch (IOException e) {
            throw new IOException(side + "-certificate-key " + e.getMessage());
        }
        if (!matches(privateKey, chain[0])) {
            throw new IOException(side + "-certificate-key " + key + ": not the key of " + side + "-certificate "
                    + certificate + " (their public keys differ)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", privateKey, NO_PASSWORD, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException(side + "-certificate-key " + key + ": cannot be used with " + certificate + " ("
                    + e.getMessage() + ")");
        }
    }

    /** True when {@code key} signs what {@code certificate}'s public key verifies (or its kind is not checked here). */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return true; // the handshake judges
        }
        try {
            byte[] probe = "shadowtap key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another kind than the certificate's
        }
    }

    private static TrustManager[] trustManagers(Path ca, String flag) throws IOException {
        X509Certificate[] authorities;
        try {
            authorities = PemFiles.certificates(ca);
        } catch (IOException e) {
            throw new IOException(flag + " " + e.getMessage());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.length; i++) {
                store.setCertificateEntry("ca" + i, authorities[i]);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException(flag + " " + ca + ": " + e.getMessage());
        }
    }
}
