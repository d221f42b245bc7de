package rxpush.simulators.resourcexpress.api;

/** Paths of the RX API that the simulator serves. */
final class ApiPaths {

    static final String BASE = "/api/push/v1";
    static final String BOOKINGS = BASE + "/bookings/";

    private ApiPaths() {
    }

    static boolean isApi(String uri) {
        return uri.equals(BASE) || uri.startsWith(BASE + "/");
    }

    /** The bookingId segment of a bookings path, or {@code null}. */
    static String bookingId(String uri) {
        if (!uri.startsWith(BOOKINGS)) {
            return null;
        }
        String rest = uri.substring(BOOKINGS.length());
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }
}
