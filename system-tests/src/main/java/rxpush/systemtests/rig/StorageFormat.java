package rxpush.systemtests.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * Formats every broker's log directory with one new cluster id, with Kafka's own tool
 * ({@code kafka.tools.StorageTool format}) run as a process, as an operator would.
 */
final class StorageFormat {

    private StorageFormat() {
    }

    static void formatAll(Topology topology, RunDirectory dir) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        List<Process> running = new ArrayList<>();
        List<Instance> brokers = topology.instances(Role.BROKER);
        for (Instance broker : brokers) {
            running.add(new ProcessBuilder(topology.spec().java(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-Dlogback.configurationFile=" + dir.brokerLogConfig(), "-cp", topology.spec().classpath(),
                    "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", dir.brokerConfig(broker).toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log(broker.name() + "-format").toFile()))
                    .start());
        }
        for (int i = 0; i < running.size(); i++) {
            String name = brokers.get(i).name();
            try {
                if (!running.get(i).waitFor(60, TimeUnit.SECONDS) || running.get(i).exitValue() != 0) {
                    running.get(i).destroyForcibly();
                    throw new IllegalStateException("formatting " + name + " failed:\n"
                            + Readiness.tail(dir.log(name + "-format"), 20));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted formatting " + name, e));
            }
        }
    }
}
