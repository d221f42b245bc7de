package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rxpush.ingress.http.MalformedNotificationException;
import rxpush.ingress.testing.EwsPush;
import rxpush.ingress.testing.Fixtures;

class SendNotificationParserTest {

    @Test
    void readsTheExchangeOnlineCapture() throws Exception {
        List<EwsNotification> notifications = SendNotificationParser.parse(Fixtures.bytes("ews/exo-modifiedevent-calendar-item.xml"));

        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.subscriptionId()).startsWith("LABkYjhwcjAxbWI2NDg1");
            assertThat(n.previousWatermark()).isEqualTo("AQAAAExY/dNdjDVKjtBVHKR5IOurFukhAAAAAAE=");
            assertThat(n.moreEvents()).isFalse();
            assertThat(n.events()).hasSize(2);
            EwsEvent item = n.events().get(0);
            assertThat(item.type()).isEqualTo(EwsEventType.MODIFIED);
            assertThat(item.isItemEvent()).isTrue();
            assertThat(item.changeKey()).isEqualTo("DwAAAA==");
            assertThat(item.timeStamp()).isEqualTo(Instant.parse("2020-12-03T11:03:50Z"));
            EwsEvent folder = n.events().get(1);
            assertThat(folder.isItemEvent()).isFalse();
            assertThat(folder.folderId()).isNotBlank();
            assertThat(n.newestWatermark()).isEqualTo("AQAAAExY/dNdjDVKjtBVHKR5IOstIukhAAAAAAE=");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ews/workmail-statusevent.xml", "ews/exchange2016-statusevent.exchangelib.xml"})
    void readsStatusEventsWhateverThePrefix(String fixture) throws Exception {
        List<EwsNotification> notifications = SendNotificationParser.parse(Fixtures.bytes(fixture));

        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(EwsEventType.STATUS));
            assertThat(n.newestWatermark()).isNotBlank();
        });
    }

    @Test
    void readsAFolderEventWithoutXmlDeclaration() throws Exception {
        assertThat(SendNotificationParser.parse(Fixtures.bytes("ews/workmail-modifiedevent-folder.xml")))
                .singleElement().satisfies(n -> assertThat(n.events()).singleElement()
                        .satisfies(e -> assertThat(e.folderId()).isEqualTo("AAB2L089bS1kNDgxOGYwOGE5OTQ0=")));
    }

    @Test
    void readsNewMailEventsOfThePullSampleOnceWrappedAsPush() throws Exception {
        byte[] push = EwsFixturesIT.asPush(Fixtures.text("ews/msdocs-getevents-response-newmail.pull.xml"));

        assertThat(SendNotificationParser.parse(push)).singleElement().satisfies(n -> assertThat(n.events())
                .extracting(EwsEvent::type).containsExactly(EwsEventType.NEW_MAIL, EwsEventType.NEW_MAIL));
    }

    @Test
    void refusesThePullResponseItself() {
        assertThatThrownBy(() -> SendNotificationParser.parse(Fixtures.bytes("ews/msdocs-getevents-response-newmail.pull.xml")))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("SendNotification");
    }

    @Test
    void readsEveryItemEventType() throws Exception {
        byte[] push = EwsPush.everyItemEvent("sub-1").status("W8").bytes();

        EwsNotification n = SendNotificationParser.parse(push).getFirst();

        assertThat(n.events()).extracting(EwsEvent::type).containsExactly(EwsEventType.CREATED, EwsEventType.MODIFIED,
                EwsEventType.DELETED, EwsEventType.MOVED, EwsEventType.COPIED, EwsEventType.NEW_MAIL,
                EwsEventType.FREE_BUSY_CHANGED, EwsEventType.STATUS);
        assertThat(n.events().get(3).oldItemId()).isEqualTo("i4-old");
        assertThat(n.watermarks()).containsExactly("W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8");
    }

    @Test
    void readsSeveralNotificationsOfOnePush() throws Exception {
        String one = EwsPush.of("sub-1", "A").status("B").xml();
        String notification = one.substring(one.indexOf("<m:SendNotificationResponseMessage"),
                one.indexOf("</m:ResponseMessages>"));
        String two = one.replace("</m:ResponseMessages>", notification.replace(">A<", ">B<").replace(">B</t:Watermark>", ">C</t:Watermark>") + "</m:ResponseMessages>");

        assertThat(SendNotificationParser.parse(two.getBytes(StandardCharsets.UTF_8)))
                .extracting(EwsNotification::newestWatermark).containsExactly("B", "C");
    }

    @Test
    void movedEventWithoutOldItemIdIsRefused() {
        String push = EwsPush.of("s", "W0").moved("W1", "new", "old").xml().replaceAll("<t:OldItemId[^>]*/>", "");

        assertThatThrownBy(() -> SendNotificationParser.parse(push.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("OldItemId");
    }

    @Test
    void eventWithoutWatermarkIsRefused() {
        String push = EwsPush.of("s", "W0").item("CreatedEvent", "W1", "i", "c").xml().replace("<t:Watermark>W1</t:Watermark>", "");

        assertThatThrownBy(() -> SendNotificationParser.parse(push.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("Watermark");
    }

    @Test
    void badTimeStampIsRefused() {
        String push = EwsPush.of("s", "W0").item("CreatedEvent", "W1", "i", "c").xml()
                .replace("2026-11-25T10:00:00Z", "yesterday");

        assertThatThrownBy(() -> SendNotificationParser.parse(push.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("TimeStamp");
    }

    @Test
    void itemIdWithoutIdIsRefused() {
        String push = EwsPush.of("s", "W0").item("CreatedEvent", "W1", "", "c").xml();

        assertThatThrownBy(() -> SendNotificationParser.parse(push.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("ItemId");
    }

    @Test
    void wrongNamespacesAreRefusedWhateverTheNames() {
        String soap12 = EwsPush.of("s", "W0").status("W1").xml()
                .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");
        String wrongMessages = EwsPush.of("s", "W0").status("W1").xml()
                .replace("http://schemas.microsoft.com/exchange/services/2006/messages", "urn:evil");

        assertThatThrownBy(() -> SendNotificationParser.parse(soap12.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("SOAP 1.1");
        assertThatThrownBy(() -> SendNotificationParser.parse(wrongMessages.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("SendNotification");
    }

    @Test
    void eventsInAnotherNamespaceAreNotRead() throws Exception {
        String push = EwsPush.of("s", "W0").status("W1").xml()
                .replace("<t:StatusEvent>", "<x:StatusEvent xmlns:x=\"urn:other\">").replace("</t:StatusEvent>", "</x:StatusEvent>");

        assertThat(SendNotificationParser.parse(push.getBytes(StandardCharsets.UTF_8)).getFirst().events()).isEmpty();
    }

    @Test
    void anErrorMessageIsReadWithItsCodeWithOrWithoutNotification() throws Exception {
        EwsPush push = EwsPush.of("sub-1", "W0").status("W1");

        List<EwsNotification> with = SendNotificationParser.parse(push.errorXml("ErrorMissedNotificationEvents", true)
                .getBytes(StandardCharsets.UTF_8));
        List<EwsNotification> without = SendNotificationParser.parse(push.errorXml("ErrorMissedNotificationEvents", false)
                .getBytes(StandardCharsets.UTF_8));
        List<EwsNotification> odd = SendNotificationParser.parse(push.errorXml("not a code!", false)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(with).singleElement().satisfies(n -> {
            assertThat(n.errorCode()).isEqualTo("ErrorMissedNotificationEvents");
            assertThat(n.subscriptionId()).isEqualTo("sub-1");
            assertThat(n.newestWatermark()).isEqualTo("W1");
        });
        assertThat(without).singleElement().satisfies(n -> {
            assertThat(n.errorCode()).isEqualTo("ErrorMissedNotificationEvents");
            assertThat(n.subscriptionId()).isNull();
        });
        assertThat(odd).singleElement().satisfies(n -> assertThat(n.errorCode()).isEqualTo("ErrorUnknown"));
        assertThat(SendNotificationParser.parse(push.bytes())).singleElement()
                .satisfies(n -> assertThat(n.isError()).isFalse());
    }
}
