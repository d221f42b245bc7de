package rxpush.common.contract;

/** Argument checks for the compact constructors; the messages name the field. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String mailbox(String address, String field) {
        text(address, field);
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1
                || address.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(field + " must be an e-mail address");
        }
        return address.toLowerCase(java.util.Locale.ROOT);
    }
}
