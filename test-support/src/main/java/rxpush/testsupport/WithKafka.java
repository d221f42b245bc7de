package rxpush.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka broker, shared by every test class in the JVM.
 *
 * <p>Before the class runs, the system property {@code spring.kafka.bootstrap-servers} points at it,
 * so a {@code @SpringBootTest} needs nothing else. Test methods and constructors can also take a
 * {@link KafkaTestBroker} parameter. Which broker: see {@link KafkaBrokerExtension}.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {
}
