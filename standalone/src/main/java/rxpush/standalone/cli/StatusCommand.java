package rxpush.standalone.cli;

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
        return AdminCall.run(spec.commandLine(), admin, null, client -> client.get(path));
    }
}
