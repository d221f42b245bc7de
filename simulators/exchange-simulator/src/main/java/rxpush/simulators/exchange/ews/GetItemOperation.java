package rxpush.simulators.exchange.ews;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.w3c.dom.Element;
import rxpush.simulators.exchange.calendar.ItemView;
import rxpush.simulators.exchange.control.Stats;

/** GetItem: one response message per requested id, in request order. */
final class GetItemOperation implements EwsOperation {

    private final ItemLookup lookup;
    private final Stats stats;

    GetItemOperation(ItemLookup lookup, Stats stats) {
        this.lookup = lookup;
        this.stats = stats;
    }

    @Override
    public String name() {
        return "GetItem";
    }

    @Override
    public Result handle(Element request, EwsCaller caller) {
        ItemShape shape = ItemShape.parse(SecureXml.child(request, Soap.MESSAGES_NS, "ItemShape"));
        List<Element> ids = SecureXml.children(SecureXml.child(request, Soap.MESSAGES_NS, "ItemIds"));
        if (ids.isEmpty()) {
            throw EwsFault.schema("ItemIds needs at least one id");
        }
        stats.add("ews.GetItem.items", ids.size());
        List<Consumer<XmlOut>> parts = new ArrayList<>();
        for (Element id : ids) {
            parts.add(xml -> {
                ItemView item;
                try {
                    item = lookup.find(id, caller);
                } catch (EwsError error) {
                    stats.increment("ews.GetItem.errors." + error.code());
                    throw error;
                }
                xml.raw("<m:Items>");
                ItemXml.write(xml, item, shape, caller, false);
                xml.raw("</m:Items>");
            });
        }
        return Result.of(EwsOperation.responses(name(), parts));
    }
}
