package rxpush.ingress.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import rxpush.ingress.http.MalformedNotificationException;
import rxpush.ingress.testing.HostileBodies;

/** The hostile XML corpus against the parser alone; HostileInputIT sends it over HTTP. */
@Timeout(10)
class SafeXmlTest {

    @Test
    void readsNamespacesNotPrefixes() throws Exception {
        XmlElement root = SafeXml.parse("<a:x xmlns:a='urn:one'><b:y xmlns:b='urn:one' Id='1'> t </b:y></a:x>"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(root.is("urn:one", "x")).isTrue();
        assertThat(root.child("urn:one", "y")).hasValueSatisfying(y -> {
            assertThat(y.attribute("Id")).isEqualTo("1");
            assertThat(y.text()).isEqualTo("t");
        });
    }

    @Test
    @Timeout(120)
    void aReusedParserReadsEachDocumentAfreshAndStillRefusesWhatItMust() throws Exception {
        // Parsers are pooled (SafeXml.POOLED): documents good and bad in turn, from two threads at
        // once, must each read as if parsed alone, and a reused parser must refuse what a new one does.
        java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int t = 0; t < 2; t++) {
                int thread = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String id = thread + "-" + i;
                        XmlElement root = SafeXml.parse(("<x xmlns='urn:one'><y Id='" + id + "'>t" + id + "</y></x>")
                                .getBytes(StandardCharsets.UTF_8));
                        assertThat(root.child("urn:one", "y")).hasValueSatisfying(y -> {
                            assertThat(y.attribute("Id")).isEqualTo(id);
                            assertThat(y.text()).isEqualTo("t" + id);
                        });
                        assertRefused("<?xml version='1.0'?><!DOCTYPE x><x/>", "DOCTYPE");
                        assertRefused("<x xmlns='urn:one'><y>", "not well-formed");
                    }
                    return null;
                }));
            }
            for (var run : runs) {
                run.get();
            }
        }
    }

    @Test
    void refusesEveryDoctype() {
        assertRefused(HostileBodies.XML_BILLION_LAUGHS, "DOCTYPE");
        assertRefused("<?xml version='1.0'?><!DOCTYPE x><x/>", "DOCTYPE");
    }

    @Test
    void neverReadsExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = HostileBodies.xxe(secret.toUri().toString());

        assertThatThrownBy(() -> SafeXml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
        assertRefused(HostileBodies.XML_EXTERNAL_DTD, "DOCTYPE");
    }

    @Test
    void refusesUndeclaredEntities() {
        assertRefused("<x>&lol;</x>", "");
    }

    @Test
    void keepsPredefinedEntities() throws Exception {
        assertThat(SafeXml.parse("<x>a &amp; b &#65;</x>".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("a & b A");
    }

    @Test
    void refusesDeepNesting() {
        assertRefused(HostileBodies.deepXml(SafeXml.MAX_DEPTH + 1), "nested deeper");
        assertThat(catchParse(HostileBodies.deepXml(SafeXml.MAX_DEPTH))).isNull();
    }

    @Test
    void refusesHugeAttributesAndText() {
        assertRefused(HostileBodies.hugeAttributeXml(SafeXml.MAX_TEXT + 1), "attribute value longer");
        assertRefused("<x>" + "a".repeat(SafeXml.MAX_TEXT + 1) + "</x>", "text longer");
    }

    @Test
    void refusesTooManyAttributes() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i <= SafeXml.MAX_ATTRIBUTES; i++) {
            attributes.append(" a").append(i).append("='v'");
        }
        assertRefused("<x" + attributes + "/>", "attributes");
    }

    @Test
    void refusesTooManyElements() {
        assertRefused("<x>" + "<y/>".repeat(SafeXml.MAX_ELEMENTS) + "</x>", "elements");
    }

    @Test
    void refusesWhatIsNotWellFormedXml() {
        for (String body : new String[] {"", "   ", "{\"value\":[]}", "<x>", "<x></y>", HostileBodies.TRUNCATED_PUSH,
                "<x:y/>", "not xml at all"}) {
            assertThat(catchParse(body)).as(body).isInstanceOf(MalformedNotificationException.class);
        }
    }

    @Test
    void errorMessagesDoNotQuoteTheInput() {
        MalformedNotificationException e = catchParse("<x><secret-token-abc></x>");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain("secret-token-abc");
    }

    private static void assertRefused(String body, String message) {
        assertThat(catchParse(body)).as(body.length() > 200 ? body.substring(0, 200) : body)
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining(message);
    }

    private static MalformedNotificationException catchParse(String body) {
        try {
            SafeXml.parse(body.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (MalformedNotificationException e) {
            return e;
        }
    }
}
