package dev.shadowtap.capture;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one {@code --input-raw} captures: the interface ("any" for every one), the server ports, and
 * for {@link CaptureEngine#PCAP_FILE} the file. {@code :80} is every interface, {@code 127.0.0.1:80} and
 * {@code [::1]:80} the interface holding that address (the loopback), {@code eth0:80} that interface.
 *
 * @param interfaceName device to capture on ("any" for all); "" for a file
 * @param ports         the server ports; empty only for a file given without ports (then every TCP port)
 * @param file          the capture file, for the pcap_file engine
 */
public record CaptureAddress(String interfaceName, List<Integer> ports, Optional<Path> file) {
    private static final Pattern FILE_WITH_PORTS = Pattern.compile("^(.+):(\\d+(?:,\\d+)*)$");

    public CaptureAddress {
        ports = List.copyOf(ports);
    }

    /** Parses {@code text}; one-line IOException naming the address when it is not one. */
    public static CaptureAddress parse(String text, CaptureEngine engine) throws IOException {
        if (engine == CaptureEngine.PCAP_FILE) {
            return file(text);
        }
        String host;
        String portList;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw bad(text, "expected [ipv6]:port");
            }
            host = text.substring(1, close);
            portList = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "expected :port, ip:port or interface:port" + (Files.isRegularFile(Path.of(text))
                        ? " (a capture file is read with --input-raw-engine pcap_file)" : ""));
            }
            host = text.substring(0, colon);
            portList = text.substring(colon + 1);
        }
        return new CaptureAddress(interfaceOf(text, host), ports(text, portList), Optional.empty());
    }

    private static CaptureAddress file(String text) throws IOException {
        Matcher m = FILE_WITH_PORTS.matcher(text);
        if (!Files.exists(Path.of(text)) && m.matches() && Files.exists(Path.of(m.group(1)))) {
            return new CaptureAddress("", ports(text, m.group(2)), Optional.of(Path.of(m.group(1))));
        }
        return new CaptureAddress("", List.of(), Optional.of(Path.of(text)));
    }

    private static List<Integer> ports(String text, String list) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            int port;
            try {
                port = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw bad(text, "'" + part + "' is not a port");
            }
            if (port < 1 || port > 65535) {
                throw bad(text, "port " + port + " is not from 1 to 65535");
            }
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        if (ports.size() > 60) {
            throw bad(text, "at most 60 ports");
        }
        return ports;
    }

    private static String interfaceOf(String text, String host) throws IOException {
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("any")) {
            return "any";
        }
        try {
            if (NetworkInterface.getByName(host) != null) {
                return host;
            }
            InetAddress address = InetAddress.getByName(host);
            NetworkInterface nic = NetworkInterface.getByInetAddress(address);
            if (nic != null) {
                return nic.getName();
            }
            if (address.isLoopbackAddress()) {
                return "lo";
            }
            throw bad(text, "no interface has the address " + address.getHostAddress());
        } catch (UnknownHostException e) {
            throw bad(text, "'" + host + "' is neither an interface nor a host address");
        } catch (SocketException e) {
            throw bad(text, "cannot list interfaces: " + e.getMessage());
        }
    }

    private static IOException bad(String text, String why) {
        return new IOException("--input-raw " + text + ": " + why);
    }
}
