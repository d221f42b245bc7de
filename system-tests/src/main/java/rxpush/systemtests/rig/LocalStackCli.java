package rxpush.systemtests.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The commands of {@code scripts/local-stack.sh} (which builds the class path and runs this class).
 * Each command is one JVM; the stack's state lives in its run directory.
 */
public final class LocalStackCli {

    
    private LocalStackCli() {
    }

    /** The help text, shared with the script's --help (which prints the file without a build). */
    static String usage() {
        try (InputStream in = LocalStackCli.class.getResourceAsStream("/rig/local-stack-usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            return "see system-tests/src/main/resources/rig/local-stack-usage.txt\n";
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] arguments, PrintStream out, PrintStream err) {
        Deque<String> args = new ArrayDeque<>(Arrays.asList(arguments));
        Path runDir = Path.of("target", "local-stack");
        while (!args.isEmpty() && args.peekFirst().startsWith("--")) {
            String option = args.removeFirst();
            if (option.equals("--run-dir")) {
                runDir = Path.of(required(args, "--run-dir needs a directory"));
            } else if (option.equals("--help")) {
                args.addFirst("help");
                break;
            } else {
                return usage(err, "unknown option " + option);
            }
        }
        String command = args.isEmpty() ? "help" : args.removeFirst();
        try {
            switch (command) {
                case "help" -> out.print(usage());
                case "up" -> up(runDir, args, out);
                case "down" -> {
                    LocalStack.attach(runDir).down();
                    out.println("stopped every instance in " + runDir.toAbsolutePath());
                }
                case "status" -> StatusTable.print(LocalStack.attach(runDir), out);
                case "kill" -> {
                    if ("-9".equals(args.peekFirst())) {
                        args.removeFirst();
                    }
                    String name = required(args, "kill needs an instance name");
                    LocalStack.attach(runDir).kill9(name);
                    out.println("killed " + name + " (SIGKILL)");
                }
                case "stop" -> {
                    String name = required(args, "stop needs an instance name");
                    LocalStack.attach(runDir).stop(name);
                    out.println("stopped " + name);
                }
                case "start" -> {
                    String name = required(args, "start needs an instance name");
                    LocalStack.attach(runDir).start(name);
                    out.println("started " + name);
                }
                case "kill-leader" -> {
                    String topic = required(args, "kill-leader needs a topic and a partition");
                    int partition = Integer.parseInt(required(args, "kill-leader needs a partition"));
                    out.println("killed " + LocalStack.attach(runDir).killLeader(topic, partition) + ", leader of "
                            + topic + "-" + partition + " (SIGKILL)");
                }
                default -> {
                    return usage(err, "unknown command " + command);
                }
            }
            return 0;
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (RuntimeException e) {
            err.println("local-stack " + command + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static void up(Path runDir, Deque<String> args, PrintStream out) {
        StackSpec spec = StackSpec.defaults(runDir, System.getProperty("java.class.path"));
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            spec = switch (option) {
                case "--brokers" -> spec.withCounts(count(args, option), spec.ingress(), spec.subscription(),
                        spec.forwarder());
                case "--ingress" -> spec.withCounts(spec.brokers(), count(args, option), spec.subscription(),
                        spec.forwarder());
                case "--subscription" -> spec.withCounts(spec.brokers(), spec.ingress(), count(args, option),
                        spec.forwarder());
                case "--forwarder" -> spec.withCounts(spec.brokers(), spec.ingress(), spec.subscription(),
                        count(args, option));
                case "--no-simulators" -> spec.withSimulators(false);
                case "--graph-rooms" -> spec.withGraphRooms(count(args, option));
                case "--port-base" -> spec.withPortBase(count(args, option));
                case "--set" -> {
                    String[] pair = required(args, "--set needs key=value").split("=", 2);
                    if (pair.length != 2 || pair[0].isBlank()) {
                        throw new UsageException("--set needs key=value");
                    }
                    yield spec.withServiceProperty(pair[0], pair[1]);
                }
                default -> throw new UsageException("unknown option of up: " + option);
            };
        }
        long started = System.nanoTime();
        out.println("starting the local stack in " + spec.runDir() + " ...");
        LocalStack stack = LocalStack.start(spec);
        out.printf("up in %.1f s; Kafka at %s%n", (System.nanoTime() - started) / 1e9, stack.bootstrapServers());
        StatusTable.print(stack, out);
    }

    private static int count(Deque<String> args, String option) {
        String value = required(args, option + " needs a number");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got '" + value + "'");
        }
    }

    private static String required(Deque<String> args, String message) {
        if (args.isEmpty()) {
            throw new UsageException(message);
        }
        return args.removeFirst();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("local-stack: " + problem + " (see --help)");
        return 2;
    }

    /** A mistake in the command line: exit code 2 and a pointer to --help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Prints {@link LocalStack#status()} as a table. */
    static final class StatusTable {

        private StatusTable() {
        }

        static void print(LocalStack stack, PrintStream out) {
            List<LocalStack.InstanceStatus> all = stack.status();
            out.printf("%-20s %-8s %-8s %-13s %8s  %s%n", "INSTANCE", "PID", "STATE", "PORTS", "RSS", "LOG");
            long total = 0;
            for (LocalStack.InstanceStatus status : all) {
                Instance instance = status.instance();
                String state = !status.running() ? "down" : status.ready() ? "ready" : "starting";
                String ports = instance.port() + (instance.adminPort() > 0 ? "/" + instance.adminPort() : "");
                total += Math.max(0, status.rss());
                out.printf("%-20s %-8s %-8s %-13s %8s  %s%n", instance.name(),
                        status.running() ? Long.toString(status.pid()) : "-", state, ports, mib(status.rss()),
                        stack.runDirectory().log(instance.name()));
            }
            out.printf("total RSS %s%n", mib(total));
        }

        private static String mib(long bytes) {
            return bytes < 0 ? "-" : (bytes / (1024 * 1024)) + " MiB";
        }
    }
}
