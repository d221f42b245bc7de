package rxpush.common.contract;

/** The schema versions this build writes and the newest it can read. */
public final class SchemaVersions {

    /** Written by this build into every topic record. Bump only with a new golden file. */
    public static final int CURRENT = 1;

    private SchemaVersions() {
    }

    /**
     * Rejects a record written by a newer, incompatible writer: reading it as if it were ours could
     * silently drop meaning. A missing version (0) is treated as the current one.
     */
    static int check(int schemaVersion, String recordName) {
        if (schemaVersion < 0 || schemaVersion > CURRENT) {
            throw new IllegalArgumentException(recordName + " has schemaVersion " + schemaVersion
                    + "; this build reads versions up to " + CURRENT);
        }
        return schemaVersion == 0 ? CURRENT : schemaVersion;
    }
}
