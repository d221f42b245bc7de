package rxpush.common.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import rxpush.common.contract.SecretHash;

/**
 * The admin token: the configured one, else the one in the token file, else a new random one
 * (256 bits, base64url) written to that file, readable by its owner only (0600). The CLI reads the
 * same file, so on one machine nobody has to copy the token around.
 */
public final class AdminToken {

    private AdminToken() {
    }

    /**
     * @param configured the configured token ({@code rxpush.admin.token}), may be null or blank
     * @param file       where a generated token is kept ({@code rxpush.admin.token-file})
     */
    public static String resolve(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            String token = SecretHash.newSecret();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            try {
                if (posix) {
                    Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(absolute);
                }
            } catch (FileAlreadyExistsException e) {
                return read(absolute); // another service of the same installation created it first
            }
            Files.writeString(absolute, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file
                    + " (set rxpush.admin.token or rxpush.admin.token-file)", e);
        }
    }

    /** The token in {@code file}, or null when there is no such file. */
    public static String readIfPresent(Path file) {
        try {
            return Files.exists(file) ? read(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IOException("the admin token file is empty");
        }
        return token;
    }
}
