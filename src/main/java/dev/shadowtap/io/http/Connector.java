package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.FramingLimits;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Opens connections to the target: TCP, then TLS with SNI and (unless skip-verify) host-name checks. */
final class Connector {
    private final ReplayTarget target;
    private final SSLSocketFactory tls;
    private final boolean skipVerify;
    private final FramingLimits limits;

    Connector(ReplayTarget target, boolean skipVerify, FramingLimits limits) {
        this.target = target;
        this.skipVerify = skipVerify;
        this.limits = limits;
        this.tls = target.tls() ? sslFactory(skipVerify) : null;
    }

    /** The handshake's failure in words a user can act on, without the JDK's internal class names. */
    private static String tlsProblem(SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX") || message.contains("certification path")
                || message.contains("No subject alternative")) {
            return "the target's certificate is not trusted or does not match its name"
                    + " (use --output-http-skip-verify for a test target)";
        }
        return message;
    }

    /** A new connection, within {@code deadlineNanos} (a {@link System#nanoTime()} value), reading into {@code buffer}. */
    TargetConnection open(long deadlineNanos, byte[] buffer) throws ReplayFailure {
        int ms = remainingMillis(deadlineNanos);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), ms);
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new ReplayFailure(Reason.CONNECT_TIMEOUT, "no connection within " + ms + " ms");
        } catch (IOException e) {
            close(socket);
            throw ReplayFailure.ofConnect(e, target.host());
        }
        if (tls == null) {
            try {
                return new TargetConnection(socket, limits, buffer);
            } catch (IOException e) {
                close(socket);
                throw new ReplayFailure(Reason.CONNECT_ERROR, e.getMessage());
            }
        }
        try {
            SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
            SSLParameters params = ssl.getSSLParameters();
            if (!isIpLiteral(target.host())) {
                params.setServerNames(List.of(new SNIHostName(target.host())));
            }
            params.setEndpointIdentificationAlgorithm(skipVerify ? null : "HTTPS");
            ssl.setSSLParameters(params);
            ssl.setSoTimeout(remainingMillis(deadlineNanos));
            ssl.startHandshake();
            return new TargetConnection(ssl, limits, buffer);
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new ReplayFailure(Reason.TIMEOUT, "TLS handshake did not finish in time");
        } catch (SSLException e) {
            close(socket);
            throw new ReplayFailure(Reason.TLS_ERROR, tlsProblem(e));
        } catch (IOException e) {
            close(socket);
            throw new ReplayFailure(Reason.TLS_ERROR, String.valueOf(e.getMessage()));
        }
    }

    static int remainingMillis(long deadlineNanos) throws ReplayFailure {
        long ns = deadlineNanos - System.nanoTime();
        if (ns <= 0) {
            throw new ReplayFailure(Reason.TIMEOUT, "no response within the timeout");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(ns)));
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release beyond the descriptor
        }
    }

    private static SSLSocketFactory sslFactory(boolean skipVerify) {
        if (!skipVerify) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[]{new dev.shadowtap.core.TrustAllCertificates()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK: " + e.getMessage(), e);
        }
    }
}
