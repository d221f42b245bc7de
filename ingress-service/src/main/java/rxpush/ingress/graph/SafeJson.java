package rxpush.ingress.graph;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
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

    /** Tokens one Graph item may take on average (an item has about 30), bounding the tree per POST. */
    static final int TOKENS_PER_ITEM = 64;

    private static final SafeJson DEFAULT = new SafeJson(0);

    private final JsonMapper mapper;

    /** @param maxTokens tokens a document may have (0: no limit); past it the parse stops at once */
    SafeJson(long maxTokens) {
        this.mapper = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(MAX_STRING)
                                .maxNameLength(MAX_NAME)
                                .maxNumberLength(MAX_NUMBER)
                                .maxTokenCount(maxTokens)
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** A parser whose token budget fits {@code maxItems} Graph items. */
    static SafeJson forItems(int maxItems) {
        return new SafeJson((long) maxItems * TOKENS_PER_ITEM + TOKENS_PER_ITEM);
    }

    /** Parses without a token limit (the other limits hold). */
    static JsonNode parse(byte[] body) throws MalformedNotificationException {
        return DEFAULT.read(body);
    }

    /**
     * @throws TooManyTokensException         when the document has more tokens than allowed
     * @throws MalformedNotificationException for anything that is not one JSON value within the
     *                                        limits; the message never quotes the input
     */
    JsonNode read(byte[] body) throws MalformedNotificationException {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new MalformedNotificationException("empty body");
            }
            return root;
        } catch (StreamConstraintsException e) {
            if (e.getMessage() != null && e.getMessage().contains("Token count")) {
                throw new TooManyTokensException();
            }
            throw new MalformedNotificationException("JSON exceeds the parser's limits" + where(e));
        } catch (JacksonException e) {
            throw new MalformedNotificationException("not well-formed JSON" + where(e));
        }
    }

    private static String where(JacksonException e) {
        return e.getLocation() != null
                ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                : "";
    }

    /** More tokens than the item cap allows: the POST carries too many items. */
    static final class TooManyTokensException extends MalformedNotificationException {

        TooManyTokensException() {
            super("more JSON tokens than the item limit allows");
        }
    }
}
