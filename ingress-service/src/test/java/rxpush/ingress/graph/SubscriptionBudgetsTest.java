package rxpush.ingress.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import rxpush.ingress.IngressSettings;

class SubscriptionBudgetsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private SubscriptionBudgets budgets(int perSecond, int burst) {
        IngressSettings settings = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                "rxpush.ingress.graph-items-per-second", String.valueOf(perSecond),
                "rxpush.ingress.graph-item-burst", String.valueOf(burst),
                "rxpush.ingress.graph-max-items", "10")))
                .bindOrCreate("rxpush", Bindable.of(IngressSettings.class));
        return new SubscriptionBudgets(settings, clock);
    }

    @Test
    void aBurstIsAllowedThenTheRateHolds() {
        SubscriptionBudgets budgets = budgets(10, 100);

        assertThat(budgets.take("a", 100)).isZero();
        assertThat(budgets.take("a", 10)).isEqualTo(Duration.ofSeconds(1));
        now.set(now.get().plusMillis(500));
        assertThat(budgets.take("a", 5)).isZero();
        assertThat(budgets.take("a", 1)).isPositive();
    }

    @Test
    void subscriptionsHaveTheirOwnBudgets() {
        SubscriptionBudgets budgets = budgets(1, 10);

        assertThat(budgets.take("a", 10)).isZero();
        assertThat(budgets.take("a", 1)).isPositive();
        assertThat(budgets.take("b", 10)).isZero();
    }

    @Test
    void aRefusedTakeTakesNothing() {
        SubscriptionBudgets budgets = budgets(1, 10);

        assertThat(budgets.take("a", 11)).isPositive();
        assertThat(budgets.take("a", 10)).isZero();
    }

    @Test
    void anItemNamedAgainWithinAMinuteIsFreeANewOneTakesAToken() {
        SubscriptionBudgets budgets = budgets(1, 10);

        assertThat(budgets.take("a", java.util.List.of("i1", "i2", "i2"))).as("two items, one named twice").isZero();
        for (int i = 0; i < 1000; i++) {
            assertThat(budgets.take("a", java.util.List.of("i1", "i2"))).as("Exchange's repeats").isZero();
        }
        assertThat(budgets.take("a", java.util.List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"))).isZero();
        assertThat(budgets.take("a", java.util.List.of("n9"))).as("the eleventh distinct item").isPositive();

        now.set(now.get().plus(SubscriptionBudgets.REPEAT).plusSeconds(1));
        assertThat(budgets.take("a", java.util.List.of("i1"))).as("refilled: costs again after a minute").isZero();
    }

    @Test
    void aFloodOfDistinctItemsIsRefusedAndTakesNothing() {
        SubscriptionBudgets budgets = budgets(1, 10);
        java.util.List<String> flood = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "x" + i).toList();

        assertThat(budgets.take("a", flood)).isPositive();
        assertThat(budgets.take("a", flood.subList(0, 10))).as("the refused take remembered nothing").isZero();
    }
}
