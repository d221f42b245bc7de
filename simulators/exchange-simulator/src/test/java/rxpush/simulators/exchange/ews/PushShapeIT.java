package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import rxpush.simulators.exchange.ExchangeSimulator;
import rxpush.simulators.exchange.ExchangeSimulatorOptions;
import rxpush.simulators.exchange.PushReceiver;
import rxpush.simulators.exchange.calendar.BookingSpec;
import rxpush.simulators.exchange.calendar.ItemView;

/**
 * The simulator's real pushes, captured on the wire, have the same structure as real payloads:
 * every element (namespace and local name, prefixes ignored) and attribute name in the same place.
 * Both sides are read by the same namespace-aware reader, which also reads the listener answers.
 */
class PushShapeIT {

    @Test
    void statusAndModifiedEventPushesMatchRealExchangePayloads() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(ExchangeSimulatorOptions.defaults().mailboxes(1)
                .quietChanges());
             PushReceiver receiver = new PushReceiver();
             ExchangeService service = new ExchangeService(ExchangeVersion.Exchange2010_SP2)) {
            String room = sim.mailboxes().getFirst();
            ItemView booking = sim.bookings().create(room, BookingSpec.random());
            service.setUrl(sim.ewsUrl());
            service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, room));
            service.subscribeToPushNotifications(List.of(new FolderId(WellKnownFolderName.Calendar, new Mailbox(room))),
                    receiver.url("/shape"), 5, null, EventType.Modified);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/shape").size() == 1);
            sim.bookings().update(booking.ewsId(), BookingSpec.random());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/shape").size() == 2);

            PushReceiver.Received status = receiver.received("/shape").get(0);
            PushReceiver.Received modified = receiver.received("/shape").get(1);
            assertThat(shape(status.body())).isEqualTo(shape(fixture("exchange2016-statusevent.exchangelib.xml")))
                    .isEqualTo(shape(fixture("workmail-statusevent.xml")));
            assertThat(shape(modified.body())).isEqualTo(shape(fixture("exo-modifiedevent-calendar-item.xml")));
            assertThat(modified.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
            assertThat(modified.header("SOAPAction"))
                    .isEqualTo("http://schemas.microsoft.com/exchange/services/2006/messages/SendNotification");

            Notifications real = Notifications.parse(fixture("exo-modifiedevent-calendar-item.xml"));
            Notifications ours = Notifications.parse(modified.body());
            assertThat(ours.types()).isEqualTo(real.types());
            assertThat(ours.events().get(0).itemId()).isEqualTo(booking.ewsId());
            assertThat(ours.events().get(1).folderId()).isNotNull();
            assertThat(Notifications.parse(fixture("workmail-modifiedevent-folder.xml")).types())
                    .containsExactly("ModifiedEvent");
        }
    }

    @Test
    void theListenerAnswersOfTheFixturesAreUnderstood() throws IOException {
        assertThat(PushAnswer.parse(fixture("response-ok.exchangelib.xml").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PushAnswer.OK);
        assertThat(PushAnswer.parse(fixture("response-unsubscribe.exchangelib.xml").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PushAnswer.UNSUBSCRIBE);
        assertThat(PushAnswer.parse("<not-soap/>".getBytes(StandardCharsets.UTF_8))).isEqualTo(PushAnswer.INVALID);
        assertThat(PushAnswer.parse("garbage".getBytes(StandardCharsets.UTF_8))).isEqualTo(PushAnswer.INVALID);
    }

    /** Element tree with namespaces, local names and attribute names; no prefixes, text or xmlns. */
    static String shape(String xml) {
        StringBuilder out = new StringBuilder();
        shape(SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement(), out);
        return out.toString();
    }

    private static void shape(Element element, StringBuilder out) {
        out.append('{').append(element.getNamespaceURI()).append('}').append(element.getLocalName());
        TreeSet<String> attributes = new TreeSet<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                attributes.add(attribute.getLocalName());
            }
        }
        out.append(attributes).append('(');
        for (Element child : SecureXml.children(element)) {
            shape(child, out);
        }
        out.append(')');
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = PushShapeIT.class.getResourceAsStream("/fixtures/ews/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
