package dev.shadowtap.app;

import dev.shadowtap.cli.TcpOptions;
import dev.shadowtap.io.tcp.TcpAddress;
import dev.shadowtap.io.tcp.TcpInputConfig;
import dev.shadowtap.io.tcp.TcpOutputConfig;
import dev.shadowtap.io.tcp.TcpTls;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps {@code --input-tcp*} and {@code --output-tcp*} onto the TCP input's and output's configs; a
 * combination that cannot work is an {@link IllegalArgumentException} naming the flags (status 2).
 */
final class TcpWiring {
    private TcpWiring() {
    }

    static TcpInputConfig input(String address, TcpOptions.InputSide in, long copyBufferSize) {
        Optional<TcpTls.Server> tls = Optional.empty();
        if (in.secure()) {
            if (in.certificate().isEmpty() || in.certificateKey().isEmpty()) {
                throw new IllegalArgumentException("--input-tcp-secure needs --input-tcp-certificate and"
                        + " --input-tcp-certificate-key (PEM files)");
            }
            tls = Optional.of(new TcpTls.Server(Path.of(in.certificate().get()), Path.of(in.certificateKey().get()),
                    in.clientCa().map(Path::of)));
        } else if (in.clientCa().isPresent()) {
            throw new IllegalArgumentException("--input-tcp-client-ca needs --input-tcp-secure");
        } else if (in.certificate().isPresent() || in.certificateKey().isPresent()) {
            throw new IllegalArgumentException("--input-tcp-certificate and --input-tcp-certificate-key need"
                    + " --input-tcp-secure (without it the receiver would listen in plaintext)");
        }
        int maxRecord = (int) Math.min(Integer.MAX_VALUE - 8L, copyBufferSize);
        return new TcpInputConfig(address("--input-tcp", address), tls, maxRecord, TcpInputConfig.Limits.DEFAULT);
    }

    /** {@code bySession}: {@code --recognize-tcp-sessions}, which keeps a session on one connection, as {@code --output-tcp-sticky} by session. */
    static TcpOutputConfig output(String address, TcpOptions.OutputSide out, boolean bySession) {
        TcpOptions.ClientFiles files = out.files();
        Optional<TcpTls.Client> tls = Optional.empty();
        if (out.secure()) {
            tls = Optional.of(new TcpTls.Client(out.skipVerify(), files.ca().map(Path::of),
                    files.certificate().map(Path::of), files.certificateKey().map(Path::of)));
        } else if (files.certificate().isPresent() || files.certificateKey().isPresent() || files.ca().isPresent()) {
            throw new IllegalArgumentException("--output-tcp-certificate, --output-tcp-certificate-key and"
                    + " --output-tcp-ca need --output-tcp-secure");
        }
        // a session's records must keep their order: with --recognize-tcp-sessions they go by session
        return new TcpOutputConfig(address("--output-tcp", address), out.workers(), out.sticky() || bySession, tls, out.stats(),
                TcpOutputConfig.Limits.DEFAULT, bySession);
    }

    private static TcpAddress address(String flag, String address) {
        try {
            TcpAddress parsed = TcpAddress.parse(address);
            if (flag.equals("--output-tcp") && (parsed.host().isEmpty() || parsed.port() == 0)) {
                throw new IllegalArgumentException("needs a host and a port, as replay.local:28020");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " " + address + ": " + e.getMessage());
        }
    }
}
