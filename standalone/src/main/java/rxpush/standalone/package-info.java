/**
 * The all-in-one launcher: ingress, subscription and forwarder services in one JVM (sibling
 * Spring contexts) on an embedded KRaft broker, plus the operator CLI.
 */
package rxpush.standalone;
