package rxpush.simulators.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExchangeSimulatorApplicationTest {

    @Test
    void runsWithItsOwnConfigNameUnlessTheCallerChoseOne() {
        assertThat(ExchangeSimulatorApplication.withConfigName(new String[] {"--server.port=1"}))
                .containsExactly("--spring.config.name=exchange-simulator", "--server.port=1");
        assertThat(ExchangeSimulatorApplication.withConfigName(new String[] {"--spring.config.name=other"}))
                .containsExactly("--spring.config.name=other");
    }

    @Test
    void optionsBecomePrefixedArguments() {
        assertThat(ExchangeSimulatorOptions.defaults().mailboxes(3).property("push.first-retry", "2s").toArgs())
                .contains("--server.port=0", "--rxpush.exchange-simulator.clock.mode=MANUAL",
                        "--rxpush.exchange-simulator.mailboxes.count=3",
                        "--rxpush.exchange-simulator.push.first-retry=2s");
    }
}
