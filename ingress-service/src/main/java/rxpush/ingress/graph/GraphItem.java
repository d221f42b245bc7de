package rxpush.ingress.graph;

import tools.jackson.databind.JsonNode;

/**
 * Read access to one element of a Graph {@code value[]} array: the fields rx-push uses, as text,
 * null when missing or not a string. Unknown fields are ignored.
 */
record GraphItem(JsonNode node) {

    String text(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    String resourceData(String field) {
        JsonNode data = node.get("resourceData");
        return data != null && data.isObject() ? new GraphItem(data).text(field) : null;
    }

    String subscriptionId() {
        return text("subscriptionId");
    }

    String clientState() {
        return text("clientState");
    }

    /** A lifecycle notification has lifecycleEvent; a change notification has changeType. */
    boolean isLifecycle() {
        return node.has("lifecycleEvent");
    }

    /** The changed item: resourceData.id, else the last segment of resource. */
    String itemId() {
        String id = resourceData("id");
        if (id != null) {
            return id;
        }
        String resource = text("resource");
        if (resource == null) {
            return null;
        }
        String last = resource.substring(resource.lastIndexOf('/') + 1);
        return last.isBlank() ? null : last;
    }
}
