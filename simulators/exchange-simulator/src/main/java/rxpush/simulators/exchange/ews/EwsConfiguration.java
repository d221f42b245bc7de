package rxpush.simulators.exchange.ews;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxpush.simulators.exchange.SimulatorProperties;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.AccessRules;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;

/** The EWS side: SOAP endpoint, operations and push delivery. */
@Configuration(proxyBeanMethods = false)
public class EwsConfiguration {

    @Bean
    EwsPush ewsPush(CalendarStore store, SimScheduler scheduler, Stats stats, Faults faults,
                    SimulatorProperties properties) {
        SimulatorProperties.PushSettings push = properties.push();
        return new EwsPush(store, scheduler, stats, faults, new EwsPush.Settings(push.firstRetry(),
                push.responseTimeout(), push.maxEventsPerNotification(), push.batchWindow(),
                push.maxConcurrentDeliveries()));
    }

    @Bean
    EwsDispatcher ewsDispatcher(CalendarStore store, EwsPush push, Stats stats, Faults faults,
                                SimulatorProperties properties, AccessRules rules) {
        SimulatorProperties.EwsSettings ews = properties.ews();
        EwsAccess access = new EwsAccess(store, ews.requireImpersonation(), ews.impersonationAllowed(), rules,
                ews.username() != null && !ews.username().isBlank());
        Folders folders = new Folders(store, access);
        ItemLookup lookup = new ItemLookup(store, access);
        List<EwsOperation> operations = List.of(
                new SubscribeOperation(push, folders, access, stats, ews.maxSubscriptionsPerCaller(),
                        ews.watermarkMaxAge()),
                new GetItemOperation(lookup, stats),
                new FindItemOperation(folders, stats),
                new GetFolderOperation(folders, stats),
                new SyncFolderItemsOperation(folders, stats, store.clock()));
        return new EwsDispatcher(operations, access, stats, faults);
    }

    @Bean
    EwsController ewsController(EwsDispatcher dispatcher, SimulatorProperties properties, AccessRules rules) {
        return new EwsController(dispatcher, properties.ews().username(), properties.ews().password(), rules);
    }
}
