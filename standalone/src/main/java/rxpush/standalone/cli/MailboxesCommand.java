package rxpush.standalone.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rxpush.common.contract.Protocol;

/** {@code rxpush mailboxes add|remove|list}: the desired mailboxes (subscription-service's registry). */
@Command(name = "mailboxes", mixinStandardHelpOptions = true,
        description = "Add, remove or list the mailboxes rx-push keeps in sync.",
        subcommands = {MailboxesCommand.Add.class, MailboxesCommand.Remove.class, MailboxesCommand.List.class})
class MailboxesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a mailbox: rx-push subscribes to it and resyncs it.")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminOptions admin;
        @Parameters(index = "0", paramLabel = "<address>", description = "SMTP address of the room or resource mailbox")
        String address;
        @Option(names = "--protocol", required = true, paramLabel = "EWS|GRAPH",
                description = "EWS (on-premises Exchange) or GRAPH (Office 365)")
        Protocol protocol;

        @Override
        public Integer call() {
            String body = "{\"address\":\"" + jsonText(address.toLowerCase(Locale.ROOT)) + "\",\"protocol\":\"" + protocol + "\"}";
            return AdminCall.run(spec.commandLine(), admin, "Added " + address + " (" + protocol + ").",
                    client -> client.post("/api/mailboxes", body));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a mailbox: its subscription is deleted (Graph) or unsubscribed at the next push (EWS).")
    static class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminOptions admin;
        @Parameters(index = "0", paramLabel = "<address>")
        String address;

        @Override
        public Integer call() {
            return AdminCall.run(spec.commandLine(), admin, "Removed " + address + ".",
                    client -> client.delete("/api/mailboxes/" + AdminClient.segment(address.toLowerCase(Locale.ROOT))));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered mailboxes.")
    static class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            return AdminCall.run(spec.commandLine(), admin, null, client -> client.get("/api/mailboxes"));
        }
    }

    /** Escapes a string for a JSON string literal. */
    static String jsonText(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
