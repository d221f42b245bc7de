package rxpush.ingress.ews;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import rxpush.ingress.http.MalformedNotificationException;

/**
 * Parses untrusted XML from the internet into a small {@link XmlElement} tree, refusing anything a
 * SOAP notification never needs:
 * <ul>
 *   <li>a DOCTYPE of any kind (so no entity declarations, no entity expansion, no billion laughs,
 *       no external entities or DTDs: XXE is impossible, not just disabled);</li>
 *   <li>entity references other than the five predefined ones;</li>
 *   <li>nesting deeper than {@link #MAX_DEPTH}, more than {@link #MAX_ELEMENTS} elements,
 *       more than {@link #MAX_ATTRIBUTES} attributes on an element, attribute values or element
 *       text longer than {@link #MAX_TEXT} characters.</li>
 * </ul>
 * The body size is limited before parsing (rxpush.ingress.max-body-size), so the tree is bounded
 * too. Uses the JDK's own StAX parser ({@link XMLInputFactory#newDefaultFactory()}), namespace
 * aware, whatever else is on the classpath.
 */
final class SafeXml {

    static final int MAX_DEPTH = 32;
    static final int MAX_ELEMENTS = 100_000;
    static final int MAX_ATTRIBUTES = 32;
    static final int MAX_TEXT = 16 * 1024;

    /**
     * Factories whose reader is free for the next parse. The JDK's StAX reader costs about 30 KB and
     * 15 us to build, more than parsing a push; a factory with {@code reuse-instance} resets its last
     * reader instead, but it is not thread-safe. So each parse borrows a factory (or makes one) and
     * gives it back after a clean parse; at most {@link #POOLED} wait here.
     */
    private static final Queue<XMLInputFactory> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FREE_COUNT = new AtomicInteger();
    static final int POOLED = 64;
    /** The JDK's (com.sun.xml.internal.stream) property: reset and reuse the factory's last reader. */
    private static final String REUSE_INSTANCE = "reuse-instance";

    private SafeXml() {
    }

    private static XMLInputFactory borrow() {
        XMLInputFactory factory = FREE.poll();
        if (factory == null) {
            return factory();
        }
        FREE_COUNT.decrementAndGet();
        return factory;
    }

    private static void giveBack(XMLInputFactory factory) {
        if (FREE_COUNT.incrementAndGet() <= POOLED) {
            FREE.offer(factory);
        } else {
            FREE_COUNT.decrementAndGet();
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        if (factory.isPropertySupported(REUSE_INSTANCE)) {
            factory.setProperty(REUSE_INSTANCE, true);
        }
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    /**
     * The document's root element.
     *
     * @throws MalformedNotificationException for anything that is not well-formed, safe XML; the
     *                                        message never quotes the input
     */
    static XmlElement parse(byte[] body) throws MalformedNotificationException {
        XMLStreamReader reader = null;
        XMLInputFactory factory = borrow();
        try {
            Input input = new Input(body);
            reader = factory.createXMLStreamReader(input);
            XmlElement root = read(reader);
            close(reader);
            reader = null;
            // Only a reader that finished a document cleanly is reused; after a refusal the factory goes.
            // A pooled reader still references its last input: let go of the body (up to max-body-size).
            input.release();
            giveBack(factory);
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            // The JDK parser's messages can quote the input; keep only its position.
            String where = e instanceof XMLStreamException x && x.getLocation() != null
                    ? " at line " + x.getLocation().getLineNumber() + ", column " + x.getLocation().getColumnNumber()
                    : "";
            throw new MalformedNotificationException("not well-formed XML" + where);
        } finally {
            close(reader);
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException, MalformedNotificationException {
        Deque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD ->
                        throw new MalformedNotificationException("DOCTYPE is not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        throw new MalformedNotificationException("entity references are not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > MAX_ELEMENTS) {
                        throw new MalformedNotificationException("more than " + MAX_ELEMENTS + " elements");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new MalformedNotificationException("nested deeper than " + MAX_DEPTH);
                    }
                    XmlElement element = new XmlElement(reader.getNamespaceURI(), reader.getLocalName(), attributes(reader));
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        XmlElement current = open.peek();
                        if (current.textLength() + reader.getTextLength() > MAX_TEXT) {
                            throw new MalformedNotificationException("element text longer than " + MAX_TEXT);
                        }
                        current.appendText(reader.getText());
                    }
                }
                default -> {
                    // comments, processing instructions, document start/end: nothing to keep
                }
            }
        }
        if (root == null) {
            throw new MalformedNotificationException("no root element");
        }
        return root;
    }

    private static Map<String, String> attributes(XMLStreamReader reader) throws MalformedNotificationException {
        int count = reader.getAttributeCount();
        if (count > MAX_ATTRIBUTES) {
            throw new MalformedNotificationException("more than " + MAX_ATTRIBUTES + " attributes on an element");
        }
        Map<String, String> attributes = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String value = reader.getAttributeValue(i);
            if (value.length() > MAX_TEXT) {
                throw new MalformedNotificationException("attribute value longer than " + MAX_TEXT);
            }
            String ns = reader.getAttributeNamespace(i);
            // EWS attributes (Id, ChangeKey) are unqualified; qualified ones (xsi:type) are not needed.
            if (ns == null || ns.isEmpty()) {
                attributes.put(reader.getAttributeLocalName(i), value);
            }
        }
        return attributes;
    }

    /** The body as a stream that can drop its bytes once parsed. */
    private static final class Input extends ByteArrayInputStream {

        Input(byte[] body) {
            super(body);
        }

        void release() {
            buf = new byte[0];
            pos = 0;
            count = 0;
        }
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing to release beyond the byte array
            }
        }
    }
}
