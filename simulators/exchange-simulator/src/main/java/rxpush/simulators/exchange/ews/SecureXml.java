package rxpush.simulators.exchange.ews;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Namespace-aware DOM parsing with DOCTYPEs, external entities and XInclude switched off, plus the
 * few navigation helpers the SOAP operations need. Elements are matched by namespace URI and local
 * name, never by prefix.
 */
final class SecureXml {

    private static final DocumentBuilderFactory FACTORY = factory();

    private SecureXml() {
    }

    static Document parse(byte[] body) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw EwsFault.schema("the body is not well-formed XML");
        }
    }

    static Element child(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())
                    && namespace.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        return children(parent).stream()
                .filter(e -> localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())).toList();
    }

    static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }

    static String childText(Element parent, String namespace, String localName) {
        return text(child(parent, namespace, localName));
    }

    /** An attribute value, or null when absent (DOM returns "" for absent attributes). */
    static String attribute(Element element, String name) {
        return element != null && element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be secured", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }
}
