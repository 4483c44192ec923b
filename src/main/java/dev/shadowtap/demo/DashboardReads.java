package dev.shadowtap.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The start-up training's reader of a dashboard: plain HTTP/1.0 GETs on a socket, each answer read to its
 * end and dropped. It adds nothing to the cache of its own (no HTTP client library is loaded for it), and
 * a dashboard that does not answer is only a shorter training.
 */
final class DashboardReads {
    private DashboardReads() {
    }

    /** Reads each of {@code paths} from {@code hostPort}, {@code rounds} times. */
    static void read(String hostPort, List<String> paths, int rounds) {
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        for (int r = 0; r < rounds; r++) {
            for (String path : paths) {
                try (Socket s = new Socket()) {
                    s.connect(address, 2_000);
                    s.setSoTimeout(5_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("GET " + path + " HTTP/1.0\r\nHost: " + hostPort + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    InputStream in = s.getInputStream();
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    return; // the training goes on without the dashboard's classes
                }
            }
        }
    }
}
