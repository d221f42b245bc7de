package rxpush.standalone.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rxpush status [mailbox]}: is sync healthy, per mailbox. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show per mailbox: protocol, subscription id, expiry, last notification and heartbeat,",
                "watermark age, state, last error and next action. With an address, that mailbox only."})
class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Parameters(index = "0", arity = "0..1", paramLabel = "<address>")
    String address;

    @Override
    public Integer call() {
        String path = address == null ? "/api/status"
                : "/api/mailboxes/" + AdminClient.segment(address.toLowerCase(Locale.ROOT)) + "/status";
        List<AdminClient> instances = admin.instanceClients();
        if (instances.size() == 1) {
            return AdminCall.run(spec.commandLine(), instances.get(0), null, client -> client.get(path));
        }
        // Several subscription-service instances (compose replicas): each answers for its own mailboxes.
        if (address != null) {
            for (AdminClient instance : instances) {
                if (owns(instance, path)) {
                    return AdminCall.run(spec.commandLine(), instance, null, client -> client.get(path));
                }
            }
            return AdminCall.run(spec.commandLine(), instances.get(0), null, client -> client.get(path));
        }
        int worst = 0;
        for (AdminClient instance : instances) {
            spec.commandLine().getOut().println("subscription-service at " + instance.base() + ":");
            worst = Math.max(worst, AdminCall.run(spec.commandLine(), instance, null, client -> client.get(path)));
        }
        return worst;
    }

    /** Whether this instance answers for the mailbox (another owner's answer is 409). */
    private static boolean owns(AdminClient instance, String path) {
        try {
            return instance.get(path).status() != 409;
        } catch (AdminClient.Unreachable e) {
            return false;
        }
    }
}
