package rxpush.simulators.exchange.control;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The /sim control endpoints. */
@Configuration(proxyBeanMethods = false)
@Import({ControlController.class, SubscriptionControlController.class, MailboxFaultsController.class,
        SeriesControlController.class, ControlErrors.class})
public class ControlConfiguration {
}
