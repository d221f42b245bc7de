package rxpush.ingress;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Ingress faces the internet and never calls Exchange: the EWS client library (and the old
 * httpclient/joda-time it brings) must not be on its class path, where a gadget chain or a
 * vulnerable parser could be reached. common declares it optional.
 */
class RuntimeClasspathTest {

    @Test
    void theEwsClientIsNotOnTheIngressClassPath() {
        assertThatThrownBy(() -> Class.forName("microsoft.exchange.webservices.data.core.ExchangeService"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.joda.time.DateTime")).isInstanceOf(ClassNotFoundException.class);
    }
}
