package dev.shadowtap.io.tcp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sender's socket joined to itself (a connect to a loopback port nobody listens on, from that same
 * port: what the kernel may pick while a receiver restarts) is refused, as real sockets make it; a
 * connection to a listener is not.
 */
class SelfConnectionTest {
    @Test
    void aSocketConnectedToItselfIsRefusedAndAListenersIsNot() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (Socket self = SocketChannel.open().socket()) {
            self.bind(address); // the port the kernel might have picked for this end
            self.connect(address, 2000); // simultaneous open with itself: it connects
            assertThatThrownBy(() -> SenderConnection.refuseSelfConnection(self))
                    .isInstanceOf(IOException.class).hasMessageContaining("connected to itself");
        }
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket normal = SocketChannel.open().socket()) {
            normal.connect(listener.getLocalSocketAddress(), 2000);
            assertThatCode(() -> SenderConnection.refuseSelfConnection(normal)).doesNotThrowAnyException();
        }
    }
}
