package rxpush.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportLegacyConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RxPushCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path legacyFixture() throws IOException {
        Path file = dir.resolve("RXPushService.exe.config");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/legacy/RXPushService.exe.config")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void writesTheYamlAndPrintsWarningsWithoutTheApiKey() throws IOException {
        Path target = dir.resolve("application.yml");
        int exit = run("import-legacy-config", legacyFixture().toString(), "--output", target.toString());
        assertThat(exit).isZero();
        assertThat(Files.readString(target)).contains("tenant-url: \"http://localhost\"");
        assertThat(err.toString()).contains("WARNING: UseTLSVersion requests TLSv1 and TLSv1.1")
                .doesNotContain("12345678910abc12def31415");
        assertThat(out.toString()).contains("Wrote").doesNotContain("12345678910abc12def31415");
    }

    @Test
    void theWrittenFileIsReadableByItsOwnerOnly() throws IOException {
        Path target = dir.resolve("application.yml");
        // an existing world-readable file is replaced, not rewritten with its old permissions
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(run("import-legacy-config", legacyFixture().toString(), "-o", target.toString(), "--force")).isZero();

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(target)).contains("rxpush:");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path legacy = legacyFixture();
        Path target = Files.writeString(dir.resolve("application.yml"), "keep me");
        assertThat(run("import-legacy-config", legacy.toString(), "-o", target.toString())).isEqualTo(2);
        assertThat(Files.readString(target)).isEqualTo("keep me");
        assertThat(err.toString()).contains("pass --force");
        assertThat(run("import-legacy-config", legacy.toString(), "-o", target.toString(), "--force")).isZero();
        assertThat(Files.readString(target)).contains("rxpush:");
    }

    @Test
    void aMissingOrBrokenFileIsAClearErrorAndWritesNothing() throws IOException {
        assertThat(run("import-legacy-config", dir.resolve("nope.config").toString(), "-o", dir.resolve("a.yml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Cannot read");
        Path broken = Files.writeString(dir.resolve("broken.config"), "<configuration><appSettings>");
        assertThat(run("import-legacy-config", broken.toString(), "-o", dir.resolve("b.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot import");
        assertThat(dir.resolve("a.yml")).doesNotExist();
        assertThat(dir.resolve("b.yml")).doesNotExist();
    }

    @Test
    void readsAMailboxListForTheImpersonationCheck() throws IOException {
        Path list = dir.resolve("rooms.txt");
        StringBuilder rooms = new StringBuilder("# rooms\n");
        for (int i = 1; i <= 25; i++) {
            rooms.append("Room").append(i).append("@contoso.com\n");
        }
        Files.writeString(list, rooms);
        Path config = Files.writeString(dir.resolve("x.config"),
                "<configuration><appSettings><add key=\"UseImpersonation\" value=\"false\"/></appSettings></configuration>");
        assertThat(run("import-legacy-config", config.toString(), "--mailboxes", list.toString(), "-o", "-")).isZero();
        assertThat(out.toString()).contains("address: \"room25@contoso.com\"");
        assertThat(err.toString()).contains("25 EWS mailboxes");
    }

    @Test
    void helpDescribesTheVerb() {
        assertThat(run("import-legacy-config", "--help")).isZero();
        assertThat(out.toString()).contains("Translate the Windows Push Service").contains("--mailboxes");
    }
}
