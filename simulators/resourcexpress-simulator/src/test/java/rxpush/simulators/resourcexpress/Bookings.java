package rxpush.simulators.resourcexpress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import rxpush.common.contract.BookingUpdate;
import rxpush.simulators.resourcexpress.bookings.SimJson;
import tools.jackson.databind.node.ObjectNode;

/** Test bodies built from the golden contract body (fixtures/booking-update.json). */
public final class Bookings {

    private Bookings() {
    }

    /** The golden body as a tree, for tests that break one field. */
    public static ObjectNode goldenTree() {
        try (InputStream in = Bookings.class.getResourceAsStream("/fixtures/booking-update.json")) {
            return (ObjectNode) SimJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden body for booking {@code id}, version ({@code changeKey}, {@code lastModified}). */
    public static ObjectNode tree(String id, String changeKey, String lastModified) {
        ObjectNode tree = goldenTree();
        tree.put("bookingId", id);
        tree.put("changeKey", changeKey);
        tree.put("lastModified", lastModified);
        return tree;
    }

    public static String json(String id, String changeKey, String lastModified) {
        return SimJson.write(tree(id, changeKey, lastModified));
    }

    public static BookingUpdate update(String id, String changeKey, String lastModified) {
        return SimJson.mapper().treeToValue(tree(id, changeKey, lastModified), BookingUpdate.class);
    }

    /** A booking of {@code mailbox}/{@code itemId} under its derived id. */
    public static BookingUpdate update(String mailbox, String itemId, String id, String changeKey, Instant lastModified) {
        ObjectNode tree = tree(id, changeKey, lastModified.toString());
        tree.put("mailbox", mailbox);
        tree.put("itemId", itemId);
        return SimJson.mapper().treeToValue(tree, BookingUpdate.class);
    }
}
