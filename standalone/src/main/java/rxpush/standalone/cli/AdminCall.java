package rxpush.standalone.cli;

import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Runs one admin API call and prints its answer: rendered on success, the error on failure. */
final class AdminCall {

    @FunctionalInterface
    interface Call {
        AdminClient.Answer perform(AdminClient client) throws AdminClient.Unreachable;
    }

    private AdminCall() {
    }

    static int run(CommandLine cli, AdminOptions admin, String done, Call call) {
        return run(cli, admin.client(), done, call, JsonText::render);
    }

    /** As above, with the successful answer's body rendered by {@code render}. */
    static int run(CommandLine cli, AdminClient client, String done, Call call, UnaryOperator<String> render) {
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        try {
            AdminClient.Answer answer = call.perform(client);
            if (!answer.ok()) {
                err.println("Failed (HTTP " + answer.status() + "): " + JsonText.render(answer.body()).trim());
                err.flush();
                return 1;
            }
            if (done != null) {
                out.println(done);
            }
            if (!answer.body().isBlank()) {
                out.print(render.apply(answer.body()));
            }
            out.flush();
            return 0;
        } catch (AdminClient.Unreachable e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
    }
}
