package rxpush.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin URL expands to one URL per subscription-service instance behind a service name. */
class AdminOptionsTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, InetAddress[]> DNS = Map.of(
            "subscription", new InetAddress[] {ip("172.18.0.7"), ip("172.18.0.9")},
            "single", new InetAddress[] {ip("172.18.0.4")},
            "localhost", new InetAddress[] {ip("127.0.0.1"), ip("::1")});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    @Test
    void aServiceNameWithSeveralAddressesIsAskedAtEach() {
        assertThat(AdminOptions.instances(URI.create("http://subscription:8081"), AdminOptionsTest::resolve))
                .containsExactly(URI.create("http://172.18.0.7:8081"), URI.create("http://172.18.0.9:8081"));
    }

    @Test
    void oneAddressALiteralALoopbackNameOrAnUnknownNameStaysOneUrl() {
        for (String url : new String[] {"http://single:8081", "http://127.0.0.1:8081", "http://localhost:8081",
                "http://unknown:8081", "http://[::1]:8081"}) {
            assertThat(AdminOptions.instances(URI.create(url), AdminOptionsTest::resolve))
                    .as(url).containsExactly(URI.create(url));
        }
    }
}
