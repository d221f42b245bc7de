package rxpush.simulators.exchange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import rxpush.simulators.exchange.calendar.Bookings;
import rxpush.simulators.exchange.calendar.CalendarStore;
import rxpush.simulators.exchange.clock.SimClock;
import rxpush.simulators.exchange.clock.SimScheduler;
import rxpush.simulators.exchange.control.Faults;
import rxpush.simulators.exchange.control.Stats;
import rxpush.simulators.exchange.workload.WorkloadGenerator;

/** The core shared by the EWS and Graph sides: clock, scheduler, mailboxes, changes, faults, counters. */
@Configuration(proxyBeanMethods = false)
public class SimulatorConfiguration {

    @Bean
    SimClock simClock(SimulatorProperties properties) {
        SimulatorProperties.ClockSettings clock = properties.clock();
        Instant start = clock.start() != null ? clock.start() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new SimClock(clock.mode(), start, clock.speed());
    }

    @Bean(destroyMethod = "close")
    SimScheduler simScheduler(SimClock clock) {
        return new SimScheduler(clock, "exchange-sim");
    }

    @Bean
    CalendarStore calendarStore(SimClock clock, SimulatorProperties properties) {
        SimulatorProperties.MailboxSettings mailboxes = properties.mailboxes();
        return new CalendarStore(clock, mailboxes.effectiveAddresses(), properties.seed(),
                mailboxes.journalRetention());
    }

    @Bean
    Bookings bookings(CalendarStore store, SimulatorProperties properties) {
        SimulatorProperties.ChangeSettings changes = properties.changes();
        return new Bookings(store, properties.seed(), properties.mailboxes().peopleDomain(),
                new Bookings.Noise(changes.attendantUpdateRate(), changes.freeBusyRate(), changes.hardDeleteRate()));
    }

    @Bean
    WorkloadGenerator workloadGenerator(CalendarStore store, Bookings bookings, SimScheduler scheduler, Stats stats,
                                        SimulatorProperties properties) {
        SimulatorProperties.WorkloadSettings w = properties.workload();
        WorkloadGenerator generator = new WorkloadGenerator(store, bookings, scheduler, stats,
                new WorkloadGenerator.Settings(w.rate(), w.tick(), w.initialBookings(), w.createWeight(),
                        w.updateWeight(), w.moveWeight(), w.cancelWeight(), w.seriesShare(), w.seriesEditWeight()),
                properties.seed());
        generator.seedInitialBookings();
        if (w.autoStart() && w.rate() > 0) {
            generator.start();
        }
        return generator;
    }

    @Bean
    Stats stats() {
        return new Stats();
    }

    @Bean
    Faults faults(SimulatorProperties properties) {
        SimulatorProperties.FaultSettings faults = properties.faults();
        return new Faults(new Faults.State(faults.ewsBusyRate(), faults.ewsBackOff(), faults.graphThrottleRate(),
                faults.graphRetryAfter(), faults.dropPushRate(), faults.apiLatency()), properties.seed());
    }
}
