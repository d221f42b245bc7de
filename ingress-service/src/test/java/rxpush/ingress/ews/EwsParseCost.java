package rxpush.ingress.ews;

import java.util.List;
import rxpush.ingress.bench.ParseCost;
import rxpush.ingress.testing.EwsPush;

/** The benchmark's probe into the EWS parse steps (package-private classes). */
public final class EwsParseCost {

    private EwsParseCost() {
    }

    public static List<ParseCost.Cost> measure(int calls) throws Exception {
        byte[] push = EwsPush.of("sub-1", "W1").item("ModifiedEvent", "W2", "item-1", "ck-1").bytes();
        return List.of(ParseCost.measure("EWS push: SafeXml.parse", calls, () -> SafeXml.parse(push)),
                ParseCost.measure("EWS push: SendNotificationParser.parse", calls, () -> SendNotificationParser.parse(push)));
    }
}
