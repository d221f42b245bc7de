package rxpush.ingress.graph;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import rxpush.ingress.http.MalformedNotificationException;

/**
 * Parses untrusted JSON from the internet into a tree, with limits far below Jackson's defaults
 * (a Graph notification is a flat list of small objects): nesting {@link #MAX_DEPTH}, strings
 * {@link #MAX_STRING} characters, names {@link #MAX_NAME}, numbers {@link #MAX_NUMBER} digits.
 * Duplicate keys and trailing content are refused: two readers must never disagree on what a
 * document says.
 */
final class SafeJson {

    static final int MAX_DEPTH = 16;
    static final int MAX_STRING = 16 * 1024;
    static final int MAX_NAME = 256;
    static final int MAX_NUMBER = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING)
                            .maxNameLength(MAX_NAME)
                            .maxNumberLength(MAX_NUMBER)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SafeJson() {
    }

    /**
     * @throws MalformedNotificationException for anything that is not one JSON value within the
     *                                        limits; the message never quotes the input
     */
    static JsonNode parse(byte[] body) throws MalformedNotificationException {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new MalformedNotificationException("empty body");
            }
            return root;
        } catch (JacksonException e) {
            String where = e.getLocation() != null
                    ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    : "";
            throw new MalformedNotificationException("not well-formed JSON" + where);
        }
    }
}
