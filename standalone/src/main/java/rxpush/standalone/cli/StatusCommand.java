package rxpush.standalone.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rxpush.common.kafka.ContractJson;

/**
 * {@code rxpush status [mailbox]}: is sync healthy, per mailbox, across every subscription instance (each
 * owner answers for its mailboxes, so {@code status <address>} works on any instance).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the mailboxes' sync state: counts per state, then per mailbox its protocol, state,",
                "expiry, last notification and heartbeat, last resync, lag, last error and its fix.",
                "With an address, that mailbox only (asked of whichever instance owns it)."})
class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Parameters(index = "0", arity = "0..1", paramLabel = "<address>")
    String address;
    @Option(names = "--state", paramLabel = "<state>", description = "only mailboxes in this state: ACTIVE, PENDING, "
            + "RECOVERING, LAPSED, PARKED or DISABLED")
    String state;
    @Option(names = "--protocol", paramLabel = "<protocol>", description = "only EWS or GRAPH mailboxes")
    String protocol;
    @Option(names = "--search", paramLabel = "<text>", description = "only mailboxes whose address contains this")
    String search;
    @Option(names = "--offset", defaultValue = "0", description = "skip this many mailboxes (default ${DEFAULT-VALUE})")
    int offset;
    @Option(names = "--limit", defaultValue = "100", description = "show at most this many, up to 500 (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json",
            description = "table (default) or json, the admin API's answer as it is, for scripts")
    String output;

    @Override
    public Integer call() {
        boolean json = "json".equalsIgnoreCase(output);
        if (!json && !"table".equalsIgnoreCase(output)) {
            spec.commandLine().getErr().println("-o must be table or json");
            spec.commandLine().getErr().flush();
            return 2;
        }
        String path = address != null
                ? "/api/mailbox-status/" + AdminClient.segment(address.toLowerCase(Locale.ROOT))
                : "/api/mailbox-status?offset=" + offset + "&limit=" + limit + param("state", state)
                        + param("protocol", protocol) + param("q", search);
        UnaryOperator<String> render = json ? body -> body + System.lineSeparator()
                : address != null ? JsonText::render
                : body -> StatusTable.render(ContractJson.mapper().readTree(body));
        return AdminCall.run(spec.commandLine(), admin.client(), null, client -> client.get(path), render);
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + AdminClient.segment(value.strip());
    }
}
