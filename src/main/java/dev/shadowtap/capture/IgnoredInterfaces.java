package dev.shadowtap.capture;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code --input-raw-ignore-interface}: the names given, as the kernel's interface indexes. */
final class IgnoredInterfaces {
    private IgnoredInterfaces() {
    }

    /** One-line IOException naming the flag and the name for an interface that does not exist. */
    static Set<Integer> indexes(List<String> names) throws IOException {
        Set<Integer> indexes = new TreeSet<>();
        for (String name : names) {
            NetworkInterface nic;
            try {
                nic = NetworkInterface.getByName(name);
            } catch (SocketException e) {
                throw new IOException("--input-raw-ignore-interface " + name + ": cannot list interfaces: " + e.getMessage());
            }
            if (nic == null || nic.getIndex() <= 0) {
                throw new IOException("--input-raw-ignore-interface " + name + ": no such network interface");
            }
            indexes.add(nic.getIndex());
        }
        return indexes;
    }
}
