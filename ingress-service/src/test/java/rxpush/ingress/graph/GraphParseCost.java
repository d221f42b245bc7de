package rxpush.ingress.graph;

import java.nio.charset.StandardCharsets;
import java.util.List;
import rxpush.ingress.bench.ParseCost;

/** The benchmark's probe into the Graph parse step (package-private classes). */
public final class GraphParseCost {

    private GraphParseCost() {
    }

    public static List<ParseCost.Cost> measure(int calls) throws Exception {
        String item = "AAMkAGViYzY5NTVhLTcxNzUtNDE3YS05N2FhLTNhODU5OWE2MWVlZABGAAAAAABYnoNt8-_-QbEnnjxv3TP-BwAJk-1";
        byte[] post = ("{\"value\":[{\"subscriptionId\":\"graph-bench-1\",\"subscriptionExpirationDateTime\":\"2030-01-01T00:00:00Z\","
                + "\"changeType\":\"updated\",\"clientState\":\"bench-secret\",\"resource\":\"Users/u/Events/" + item + "\","
                + "\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.Event\",\"id\":\"" + item
                + "\",\"@odata.etag\":\"W/\\\"DwAAABYAAAAJk1\\\"\"}}]}").getBytes(StandardCharsets.UTF_8);
        return List.of(ParseCost.measure("Graph POST (1 item): SafeJson.parse", calls, () -> SafeJson.parse(post)));
    }
}
