package dev.shadowtap.io.tcp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test certificates made at test time (no private key is ever committed): a CA, a server
 * certificate for 127.0.0.1 and localhost, client certificates, written as PEM files.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A PEM certificate and its PEM key. */
    public record Pair(Path certificate, Path key) {
    }

    /** A certificate authority that signs the others; {@link #ca} is its PEM certificate. */
    public record Authority(Path ca, X509Certificate certificate, KeyPair keys) {
    }

    /** The private key forms Go's tls.LoadX509KeyPair reads. */
    public enum KeyForm { PKCS8, TRADITIONAL }

    private TestPki() {
    }

    public static Authority authority(Path dir, String name) throws Exception {
        KeyPair keys = ec();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate certificate = sign(builder, keys);
        Path ca = dir.resolve(name + ".pem");
        write(ca, certificate);
        return new Authority(ca, certificate, keys);
    }

    /** A server certificate for 127.0.0.1 and localhost, its key EC in {@code form}. */
    public static Pair server(Path dir, Authority ca, String name, KeyForm form) throws Exception {
        return leaf(dir, ca, name, ec(), form, true);
    }

    /** A certificate whose key is RSA, in {@code form} (TRADITIONAL: PKCS#1 "RSA PRIVATE KEY"). */
    public static Pair rsaServer(Path dir, Authority ca, String name, KeyForm form) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return leaf(dir, ca, name, generator.generateKeyPair(), form, true);
    }

    public static Pair client(Path dir, Authority ca, String name) throws Exception {
        return leaf(dir, ca, name, ec(), KeyForm.PKCS8, false);
    }

    private static Pair leaf(Path dir, Authority ca, String name, KeyPair keys, KeyForm form, boolean server)
            throws Exception {
        X509v3CertificateBuilder builder = builder(new X500Name(ca.certificate().getSubjectX500Principal().getName()),
                new X500Name("CN=" + name), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        X509Certificate certificate = sign(builder, ca.keys());
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        write(cert, certificate);
        try (Writer out = Files.newBufferedWriter(key, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            if (form == KeyForm.PKCS8) {
                pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
            } else if (keys.getPrivate().getAlgorithm().equals("EC")) {
                pem.writeObject(sec1(keys));
            } else {
                pem.writeObject(keys); // PKCS#1 "RSA PRIVATE KEY"
            }
        }
        return new Pair(cert, key);
    }

    /** An "EC PRIVATE KEY" as openssl writes it: SEC1 with the named curve (the JDK's own encoding leaves it out). */
    private static PemObject sec1(KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes();
        return new PemObject("EC PRIVATE KEY", new ECPrivateKey(256, inner.getKey(), new DERBitString(point), curve).getEncoded());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        String algorithm = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    }

    private static void write(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
