package rxpush.standalone.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads {@code configuration/appSettings/add[@key,@value]} from a .NET application config file. */
final class LegacyConfigReader {

    private LegacyConfigReader() {
    }

    static LegacySettings read(InputStream in) throws IOException {
        Document document;
        try {
            document = secureBuilder().parse(in);
        } catch (SAXException e) {
            throw new IOException("not a readable .NET config file (XML error: " + e.getMessage() + ")", e);
        }
        Element root = document.getDocumentElement();
        if (!"configuration".equals(root.getNodeName())) {
            throw new IOException("not a .NET config file: the root element is <" + root.getNodeName()
                    + ">, expected <configuration>");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        NodeList sections = root.getElementsByTagName("appSettings");
        for (int s = 0; s < sections.getLength(); s++) {
            NodeList adds = ((Element) sections.item(s)).getElementsByTagName("add");
            for (int i = 0; i < adds.getLength(); i++) {
                Element add = (Element) adds.item(i);
                if (add.hasAttribute("key")) {
                    settings.put(add.getAttribute("key"), add.getAttribute("value"));
                }
            }
        }
        if (settings.isEmpty()) {
            throw new IOException("the file has no <appSettings> entries: is it RXPushService.exe.config?");
        }
        return new LegacySettings(settings);
    }

    /** No DOCTYPE, no external entities: the file may come from anywhere. */
    private static DocumentBuilder secureBuilder() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no secure XML parser available", e);
        }
    }
}
