package rxpush.standalone.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rxpush resync <mailbox>}: re-read the mailbox's calendar window and push every booking. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Ask for a resync of one mailbox: the forwarder re-reads its calendar window from Exchange,",
                "pushes every booking and deletes at ResourceXpress what is gone."})
class ResyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Parameters(index = "0", paramLabel = "<address>")
    String address;

    @Override
    public Integer call() {
        return AdminCall.run(spec.commandLine(), admin, "Resync of " + address + " requested.",
                client -> client.post("/api/mailboxes/" + AdminClient.segment(address.toLowerCase(Locale.ROOT)) + "/resync", null));
    }
}
