package rxpush.simulators.exchange.calendar;

/** A mailbox user: display name and SMTP address. */
public record Person(String name, String email) {
}
