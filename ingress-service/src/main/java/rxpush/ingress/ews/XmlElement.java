package rxpush.ingress.ews;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a parsed notification: namespace URI, local name, unqualified attributes, text
 * and child elements. Prefixes are gone on purpose: {@code soap11:}, {@code s:} and {@code soap:}
 * all name the same envelope.
 */
final class XmlElement {

    private final String namespace;
    private final String name;
    private final Map<String, String> attributes;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    XmlElement(String namespace, String name, Map<String, String> attributes) {
        this.namespace = namespace == null ? "" : namespace;
        this.name = name;
        this.attributes = attributes;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    boolean is(String ns, String localName) {
        return namespace.equals(ns) && name.equals(localName);
    }

    String attribute(String localName) {
        return attributes.get(localName);
    }

    String text() {
        return text.toString().strip();
    }

    List<XmlElement> children() {
        return children;
    }

    /** The first child with this name, if any. */
    Optional<XmlElement> child(String ns, String localName) {
        return children.stream().filter(c -> c.is(ns, localName)).findFirst();
    }

    /** Every child with this name, in document order. */
    List<XmlElement> all(String ns, String localName) {
        return children.stream().filter(c -> c.is(ns, localName)).toList();
    }

    /** The trimmed text of the first child with this name, or null. */
    String childText(String ns, String localName) {
        return child(ns, localName).map(XmlElement::text).filter(t -> !t.isEmpty()).orElse(null);
    }

    void appendText(String chars) {
        text.append(chars);
    }

    int textLength() {
        return text.length();
    }

    void add(XmlElement child) {
        children.add(child);
    }
}
