/**
 * The wire contracts of rx-push: the records that travel on Kafka topics and the body sent to
 * ResourceXpress.
 *
 * <p>Every record stored on a topic carries {@code schemaVersion}. A change to a record's JSON is a
 * change to the wire format: the golden files under {@code common/src/test/resources/golden} make it
 * a visible diff. Readers accept unknown fields (a newer writer may add optional fields) but reject a
 * {@code schemaVersion} newer than they understand.
 */
package rxpush.common.contract;
