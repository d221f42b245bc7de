package rxpush.ingress.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import rxpush.ingress.IngressApplication;
import rxpush.testsupport.WithKafka;

/**
 * The ingress application on random ports (notification and management), reading its own
 * ingress.properties, on the JVM's shared real broker. Every class using it with no other
 * properties shares one application context.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithKafka
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ingress", "management.server.port=0"})
public @interface IngressTest {
}
