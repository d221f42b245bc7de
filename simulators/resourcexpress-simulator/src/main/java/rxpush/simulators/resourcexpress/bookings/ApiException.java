package rxpush.simulators.resourcexpress.bookings;

/** A request the simulator refuses; the handler sends {@link #error()} as the JSON body. */
public final class ApiException extends RuntimeException {

    private final transient ApiError error;

    public ApiException(int status, String code, String message) {
        this(new ApiError(status, code, message));
    }

    public ApiException(ApiError error) {
        super(error.error() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
