package rxpush.simulators.exchange.graph;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import rxpush.simulators.exchange.SimulatorProperties;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.clock.SimClock;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;
import tools.jackson.databind.json.JsonMapper;

/** The Graph side: token endpoint, /v1.0 subscriptions and events, notification delivery. */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration {

    @Bean
    GraphTokens graphTokens(SimClock clock, SimulatorProperties properties) {
        SimulatorProperties.GraphSettings graph = properties.graph();
        return new GraphTokens(clock, graph.tokenLifetime(), graph.tenantId(), graph.clientId());
    }

    @Bean
    GraphSubscriptions graphSubscriptions(CalendarStore store, SimScheduler scheduler, Stats stats, Faults faults,
                                          JsonMapper json, SimulatorProperties properties) {
        SimulatorProperties.GraphSettings g = properties.graph();
        NotificationDelivery delivery = new NotificationDelivery(scheduler, stats, faults, json,
                new NotificationDelivery.Settings(g.answerBudget(), g.slowThreshold(), g.slowShare(), g.dropShare(),
                        g.throttleWindow(), g.slowDelay(), g.dropDuration(), g.deliveryTimeout(), g.firstRetry(),
                        g.retryFor(), g.batchWindow()));
        return new GraphSubscriptions(store, scheduler, stats, new HandshakeValidator(g.validationTimeout()), delivery,
                g.tenantId(), g.clientId(), g.reauthorizationLead(), g.duplicateRate(), properties.seed());
    }

    @Bean
    TokenController tokenController(GraphTokens tokens, Stats stats, SimClock clock, SimulatorProperties properties) {
        SimulatorProperties.GraphSettings graph = properties.graph();
        return new TokenController(tokens, stats, clock, graph.tenantId(), graph.clientId(), graph.clientSecret());
    }

    @Bean
    SubscriptionsController subscriptionsController(GraphSubscriptions subscriptions, CalendarStore store,
                                                    SimulatorProperties properties) {
        return new SubscriptionsController(subscriptions, store, properties.graph().requireHttps(),
                properties.graph().maxExpiration());
    }

    @Bean
    EventsController eventsController(CalendarStore store, Stats stats, Faults faults) {
        return new EventsController(store, stats, faults);
    }

    @Bean
    InstancesController instancesController(CalendarStore store, Stats stats, Faults faults) {
        return new InstancesController(store, stats, faults);
    }

    @Bean
    GraphErrors graphErrors(SimClock clock) {
        return new GraphErrors(clock);
    }

    @Bean
    WebMvcConfigurer graphGate(GraphTokens tokens, Faults faults, Stats stats) {
        GraphGate gate = new GraphGate(tokens, faults, stats);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(gate).addPathPatterns("/v1.0/**");
            }
        };
    }
}
