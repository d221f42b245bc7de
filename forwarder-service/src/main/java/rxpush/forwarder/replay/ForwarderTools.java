package rxpush.forwarder.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import rxpush.common.kafka.Topics;
import rxpush.forwarder.ForwarderApplication;
import rxpush.forwarder.ForwarderSettings;
import rxpush.forwarder.KafkaClients;
import rxpush.forwarder.exchange.BookingSource;
import rxpush.forwarder.failure.ConfigurationFailure;
import rxpush.forwarder.pipeline.BatchProcessor;
import rxpush.forwarder.pipeline.BookingSources;
import rxpush.forwarder.pipeline.DeadLetters;
import rxpush.forwarder.pipeline.ForwarderMetrics;
import rxpush.forwarder.pipeline.Forwarding;
import rxpush.forwarder.pipeline.RegisteredMailboxes;
import rxpush.forwarder.pipeline.VersionStore;
import rxpush.forwarder.rx.RxClient;

/**
 * The recovery commands until the project CLI takes them over: {@code replay ...} and
 * {@code dlt redrive ...} (see {@link ToolArguments#USAGE}). They start the forwarder's configuration
 * without its consumer loop or web server and borrow its clients. Progress goes to stderr, the
 * summary to stdout. Exit code 0: done; 1: some records failed; 2: bad arguments or configuration.
 */
public final class ForwarderTools {

    private ForwarderTools() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(ToolArguments.USAGE);
            return 2;
        }
        List<String> springArgs = new ArrayList<>(arguments.springArgs());
        springArgs.add("--rxpush.forwarder.consume=false");
        springArgs.add("--spring.main.web-application-type=none");
        springArgs.add("--spring.main.banner-mode=off");
        SpringApplication application = ForwarderApplication.application();
        try (ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new))) {
            Summary summary = arguments.command().equals("replay") ? replay(context, arguments, err)
                    : redrive(context, arguments, err);
            out.println(arguments.command() + ": " + summary);
            return summary.failed() > 0 ? 1 : 0;
        } catch (ConfigurationFailure e) {
            err.println(arguments.command() + " stopped: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(arguments.command() + " failed: " + e.getMessage());
            return 2;
        }
    }

    private static Summary replay(ConfigurableApplicationContext context, ToolArguments arguments, PrintStream err) {
        ForwarderSettings settings = context.getBean(ForwarderSettings.class);
        KafkaClients clients = context.getBean(KafkaClients.class);
        Clock clock = context.getBean(Clock.class);
        String group = arguments.group() != null ? arguments.group() : "rxpush-replay-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        try (KafkaProducer<String, byte[]> producer = clients.producer(group);
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Forwarding forwarding = new Forwarding(
                    new BookingSources(context.getBeanProvider(BookingSource.class).orderedStream().toList()),
                    context.getBean(RxClient.class),
                    new VersionStore(settings.topic(Topics.FORWARDED_VERSIONS), producer, clients::plainConsumer),
                    new DeadLetters(settings.topic(Topics.FORWARDER_DLT), producer, clock),
                    new ForwarderMetrics(new SimpleMeterRegistry()), clock, settings,
                    new RegisteredMailboxes(settings.topic(Topics.MAILBOXES), clients::plainConsumer, clock));
            Replay replay = new Replay(clients, settings.topic(Topics.NOTIFICATIONS), forwarding,
                    new BatchProcessor(forwarding, workers), err);
            return replay.run(arguments.from(), arguments.to(), arguments.mailbox(), group);
        }
    }

    private static Summary redrive(ConfigurableApplicationContext context, ToolArguments arguments, PrintStream err) {
        ForwarderSettings settings = context.getBean(ForwarderSettings.class);
        return new DltRedrive(context.getBean(KafkaClients.class), settings.topic(Topics.FORWARDER_DLT),
                settings.topic(Topics.NOTIFICATIONS), err).run(arguments.mailbox(), arguments.maxRedrives());
    }
}
