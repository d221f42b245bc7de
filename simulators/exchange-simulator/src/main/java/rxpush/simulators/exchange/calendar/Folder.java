package rxpush.simulators.exchange.calendar;

/** The folders of a simulated mailbox that matter to a room calendar. */
public enum Folder {
    NONE(0, null),
    CALENDAR(1, "calendar"),
    DELETED_ITEMS(2, "deleteditems"),
    ROOT(3, "msgfolderroot");

    final byte code;
    private final String distinguishedId;

    Folder(int code, String distinguishedId) {
        this.code = (byte) code;
        this.distinguishedId = distinguishedId;
    }

    /** The EWS DistinguishedFolderId name, or null when the folder has none. */
    public String distinguishedId() {
        return distinguishedId;
    }

    static Folder of(byte code) {
        for (Folder folder : values()) {
            if (folder.code == code) {
                return folder;
            }
        }
        return null;
    }

    /** The folder with this DistinguishedFolderId name (case-insensitive), or null. */
    public static Folder byDistinguishedId(String name) {
        for (Folder folder : values()) {
            if (folder.distinguishedId != null && folder.distinguishedId.equalsIgnoreCase(name)) {
                return folder;
            }
        }
        return null;
    }
}
