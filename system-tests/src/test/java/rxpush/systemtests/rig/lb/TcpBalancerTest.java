package rxpush.systemtests.rig.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpBalancerTest {

    private final List<ServerSocket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket socket : sockets) {
            socket.close();
        }
    }

    /** A backend that answers every connection with its name. */
    private InetSocketAddress backend(String name) throws IOException {
        ServerSocket server = listen();
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write(name.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    private ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(server);
        return server;
    }

    private static String call(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int startBalancer(List<InetSocketAddress> backends) throws IOException {
        ServerSocket front = listen();
        Thread.ofVirtual().start(() -> {
            try {
                new TcpBalancer(backends).serve(front);
            } catch (IOException closed) {
                // Test over.
            }
        });
        return front.getLocalPort();
    }

    @Test
    void connectionsAlternateBetweenLiveBackends() throws IOException {
        int port = startBalancer(List.of(backend("a"), backend("b")));
        assertThat(List.of(call(port), call(port), call(port), call(port))).containsExactly("a", "b", "a", "b");
    }

    @Test
    void aDeadBackendIsSkipped() throws IOException {
        ServerSocket dead = listen();
        InetSocketAddress deadAddress = new InetSocketAddress("127.0.0.1", dead.getLocalPort());
        dead.close();
        int port = startBalancer(List.of(deadAddress, backend("alive")));
        assertThat(List.of(call(port), call(port), call(port))).containsOnly("alive");
    }

    @Test
    void withNoLiveBackendTheConnectionIsClosedWithoutAnswer() throws IOException {
        ServerSocket dead = listen();
        InetSocketAddress deadAddress = new InetSocketAddress("127.0.0.1", dead.getLocalPort());
        dead.close();
        assertThat(call(startBalancer(List.of(deadAddress)))).isEmpty();
    }

    @Test
    void addressesParseHostAndPort() {
        assertThat(TcpBalancer.address("127.0.0.1:8080")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    }
}
