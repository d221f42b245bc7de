package rxpush.simulators.exchange.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SecureXmlTest {

    @Test
    void refusesDoctypesSoNoEntityCanBeExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assertThatThrownBy(() -> SecureXml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EwsFault.class).satisfies(e -> assertThat(((EwsFault) e).code())
                        .isEqualTo("ErrorSchemaValidation"));
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><r>&b;</r>";
        assertThatThrownBy(() -> SecureXml.parse(bomb.getBytes(StandardCharsets.UTF_8))).isInstanceOf(EwsFault.class);
    }

    @Test
    void matchesElementsByNamespaceNotByPrefix() {
        Element root = SecureXml.parse(("<a:r xmlns:a=\"urn:x\" xmlns:b=\"urn:y\"><b:c>1</b:c><a:c Id=\"i\">2</a:c></a:r>")
                .getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(SecureXml.childText(root, "urn:x", "c")).isEqualTo("2");
        assertThat(SecureXml.childText(root, "urn:y", "c")).isEqualTo("1");
        assertThat(SecureXml.attribute(SecureXml.child(root, "urn:x", "c"), "Id")).isEqualTo("i");
        assertThat(SecureXml.attribute(SecureXml.child(root, "urn:x", "c"), "ChangeKey")).isNull();
    }
}
