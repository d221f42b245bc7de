package rxpush.simulators.exchange.ews;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Element;

/** The requested properties: BaseShape (IdOnly, Default, AllProperties) plus AdditionalProperties. */
final class ItemShape {

    enum Base {
        ID_ONLY, DEFAULT, ALL
    }

    /** What EWS's Default shape returns for calendar items. */
    private static final Set<String> DEFAULT_FIELDS = Set.of("item:parentfolderid", "item:itemclass", "item:subject",
            "item:hasattachments", "item:isassociated", "calendar:start", "calendar:end",
            "calendar:legacyfreebusystatus", "calendar:location", "calendar:calendaritemtype", "calendar:organizer",
            "calendar:requiredattendees", "calendar:optionalattendees", "calendar:resources");

    static final ItemShape ALL = new ItemShape(Base.ALL, Set.of());

    private final Base base;
    private final Set<String> extra;

    private ItemShape(Base base, Set<String> extra) {
        this.base = base;
        this.extra = extra;
    }

    static ItemShape parse(Element itemShape) {
        if (itemShape == null) {
            throw EwsFault.schema("ItemShape is required");
        }
        String baseText = SecureXml.childText(itemShape, Soap.TYPES_NS, "BaseShape");
        Base base = switch (baseText == null ? "" : baseText) {
            case "IdOnly" -> Base.ID_ONLY;
            case "Default" -> Base.DEFAULT;
            case "AllProperties" -> Base.ALL;
            default -> throw EwsFault.schema("BaseShape must be IdOnly, Default or AllProperties");
        };
        Set<String> extra = new HashSet<>();
        Element additional = SecureXml.child(itemShape, Soap.TYPES_NS, "AdditionalProperties");
        for (Element field : SecureXml.children(additional)) {
            String uri = SecureXml.attribute(field, "FieldURI");
            if (uri != null) {
                extra.add(uri.toLowerCase(Locale.ROOT));
            }
        }
        return new ItemShape(base, Set.copyOf(extra));
    }

    boolean has(String fieldUri) {
        String key = fieldUri.toLowerCase(Locale.ROOT);
        return base == Base.ALL || extra.contains(key) || (base == Base.DEFAULT && DEFAULT_FIELDS.contains(key));
    }
}
