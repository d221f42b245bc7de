package rxpush.subscription.ops;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * The admin APIs of the other subscription instances: the members of the ownership group, each at the
 * host the brokers see it connect from and the admin port its client id names ({@code ...-admin<port>},
 * see KafkaClients#ownerClientId). Instances that advertise no port are reported, not called.
 */
final class Peers {

    private static final Pattern ADMIN_PORT = Pattern.compile("-admin(\\d+)$");

    /** One member: its admin URL (null when it advertises none) and the client id that names it. */
    record Peer(String clientId, URI adminUrl) {
    }

    private final Admin admin;
    private final String group;
    private final String self;
    private final Duration timeout;

    Peers(Admin admin, String group, String selfClientId, Duration timeout) {
        this.admin = admin;
        this.group = group;
        this.self = selfClientId;
        this.timeout = timeout;
    }

    /** Every other member of the ownership group. */
    List<Peer> others() throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<Peer> peers = new ArrayList<>();
        for (MemberDescription member : description.members()) {
            if (member.clientId().equals(self)) {
                continue;
            }
            peers.add(new Peer(member.clientId(), adminUrl(member.host(), member.clientId())));
        }
        return peers;
    }

    static URI adminUrl(String host, String clientId) {
        Matcher m = ADMIN_PORT.matcher(clientId);
        if (!m.find()) {
            return null;
        }
        String h = host.startsWith("/") ? host.substring(1) : host;
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + m.group(1));
    }
}
