package rxpush.standalone.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rxpush.standalone.legacy.ImportResult;
import rxpush.standalone.legacy.LegacyConfigImporter;

/** {@code rxpush import-legacy-config RXPushService.exe.config}: see docs/migration.md. */
@Command(name = "import-legacy-config",
        mixinStandardHelpOptions = true,
        description = "Translate the Windows Push Service's RXPushService.exe.config into an rx-push application.yml,"
                + " with warnings for what needs attention.")
class ImportLegacyConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<RXPushService.exe.config>", description = "the legacy config file")
    Path legacyConfig;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", defaultValue = "application.yml",
            description = "where to write the translated config (default: ${DEFAULT-VALUE}); '-' for standard output")
    String output;

    @Option(names = "--mailboxes", paramLabel = "<file>",
            description = "optional list of the EWS room mailboxes, one address per line: written to rxpush.mailboxes and"
                    + " used for the impersonation check")
    Path mailboxes;

    @Option(names = "--force", description = "overwrite the output file if it exists")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(legacyConfig)) {
            err.println("Cannot read " + legacyConfig + ": no such file or not readable.");
            return 2;
        }
        List<String> mailboxList = mailboxes == null ? List.of() : Files.readAllLines(mailboxes, StandardCharsets.UTF_8)
                .stream().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        ImportResult result;
        try (InputStream in = Files.newInputStream(legacyConfig)) {
            result = LegacyConfigImporter.importConfig(in, mailboxList);
        } catch (IOException e) {
            err.println("Cannot import " + legacyConfig + ": " + e.getMessage());
            return 2;
        }
        if ("-".equals(output)) {
            out.print(result.yaml());
            out.flush();
        } else {
            Path target = Path.of(output);
            if (Files.exists(target) && !force) {
                err.println(target + " exists; pass --force to overwrite it.");
                return 2;
            }
            PrivateFile.write(target, result.yaml());
            out.println("Wrote " + target.toAbsolutePath() + " (it contains the ApiKey: keep it private).");
        }
        for (String warning : result.warnings()) {
            err.println("WARNING: " + warning);
        }
        err.flush();
        return 0;
    }
}
