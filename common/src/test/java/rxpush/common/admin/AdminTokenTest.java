package rxpush.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsGeneratedOnceIntoAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("data/admin-token");

        String token = AdminToken.resolve("", file);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminToken.resolve(null, file)).isEqualTo(token);
        assertThat(AdminToken.readIfPresent(file)).isEqualTo(token);
    }

    @Test
    void aConfiguredTokenWinsAndWritesNothing() {
        Path file = dir.resolve("admin-token");

        assertThat(AdminToken.resolve("configured", file)).isEqualTo("configured");
        assertThat(file).doesNotExist();
        assertThat(AdminToken.readIfPresent(file)).isNull();
    }
}
