package rxpush.standalone.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import rxpush.standalone.run.DemoSession;
import rxpush.standalone.run.Launcher;
import rxpush.standalone.run.StartupFailure;

/** {@code rxpush run} (the default verb): every service in this JVM until Ctrl-C. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run ingress, subscription and forwarder services in this JVM (the default verb).",
                "Kafka: an embedded broker with its data in --rxpush.standalone.data-dir (default ./rxpush-data),",
                "unless --spring.kafka.bootstrap-servers (or SPRING_KAFKA_BOOTSTRAP_SERVERS) names a cluster.",
                "Any Spring property can be given as --name=value; ./application.yml is read too.",
                "--server.port: public notification port (default 8080).",
                "--management.server.port: admin API and actuator, 127.0.0.1 only (default 8081)."})
class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", description = {"Also start the Exchange and ResourceXpress simulators with a booking",
            "workload, wire rx-push to them and print a live summary every few seconds."})
    boolean demo;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        AutoCloseable running;
        try {
            running = demo ? DemoSession.start(settings, out) : new Launcher().start(settings, Map.of(), out);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("rx-push: " + StartupFailure.describe(e));
            spec.commandLine().getErr().flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping rx-push...");
            try {
                running.close();
            } catch (Exception e) {
                out.println("Stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "rxpush-shutdown"));
        stopped.await();
        return 0;
    }
}
