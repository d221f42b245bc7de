package rxpush.systemtests.rig.lb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the ingress instances, as a production deployment has one: Exchange
 * and Graph know one NotificationUrl, not the instances behind it.
 *
 * <p>Layer 4, round robin per connection. A backend that refuses the connection (killed, stopped,
 * not yet started) is skipped, so new connections reach a live instance at once; connections open to
 * an instance when it dies break, and the sender retries, as with a real balancer.
 *
 * <p>Usage: {@code TcpBalancer <listen-port> <host:port>...}
 */
public final class TcpBalancer {

    private static final int CONNECT_TIMEOUT_MS = 500;

    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();

    TcpBalancer(List<InetSocketAddress> backends) {
        this.backends = List.copyOf(backends);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TcpBalancer <listen-port> <host:port>...");
            System.exit(2);
        }
        List<InetSocketAddress> backends = java.util.Arrays.stream(args, 1, args.length).map(TcpBalancer::address)
                .toList();
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 200,
                InetAddress.getLoopbackAddress())) {
            System.out.println("balancing 127.0.0.1:" + args[0] + " over " + backends);
            new TcpBalancer(backends).serve(server);
        }
    }

    void serve(ServerSocket server) throws IOException {
        while (!server.isClosed()) {
            Socket client = server.accept();
            Thread.ofVirtual().start(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        try (client; Socket backend = connect()) {
            if (backend == null) {
                return;
            }
            Thread upstream = Thread.ofVirtual().start(() -> pump(client, backend));
            pump(backend, client);
            upstream.join();
        } catch (IOException | InterruptedException e) {
            // The connection is gone either way; the sender sees it closed and retries.
        }
    }

    /** The next backend (round robin) that accepts a connection, or null when none does. */
    Socket connect() {
        for (int attempt = 0; attempt < backends.size(); attempt++) {
            InetSocketAddress target = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
            Socket socket = new Socket();
            try {
                socket.connect(target, CONNECT_TIMEOUT_MS);
                return socket;
            } catch (IOException refused) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed or reset: close both so the other side notices.
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do.
        }
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
