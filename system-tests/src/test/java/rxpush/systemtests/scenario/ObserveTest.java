package rxpush.systemtests.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObserveTest {

    /** Lines as ingress's /actuator/prometheus writes them (label values may contain braces). */
    private static final String SCRAPE = """
            # TYPE http_server_requests_seconds_count counter
            http_server_requests_seconds_count{application="rxpush-ingress",error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/ews/notifications/{token}"} 68
            http_server_requests_seconds_count{application="rxpush-ingress",error="none",exception="none",method="POST",outcome="SERVER_ERROR",status="503",uri="/ews/notifications/{token}"} 4
            http_server_requests_seconds_count{application="rxpush-ingress",error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/graph/notifications"} 3.0
            http_server_requests_seconds_count{application="rxpush-ingress",error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/livez"} 9
            rxpush_forwarder_lag{application="rxpush-forwarder"} 7.0
            rxpush_forwarder_dlt_total{stage="fetch"} 2.0
            rxpush_forwarder_dlt_total{stage="push"} 1.0
            """;

    @Test
    void notificationAnswersAreCountedByStatusAndOtherUrisIgnored() {
        assertThat(Observe.notificationAnswers(SCRAPE)).containsExactly(
                java.util.Map.entry("200", 68L), java.util.Map.entry("202", 3L), java.util.Map.entry("503", 4L));
    }

    @Test
    void metricSeriesAreSummed() {
        assertThat(Observe.metricSum(SCRAPE, "rxpush_forwarder_dlt_total")).isEqualTo(3.0);
        assertThat(Observe.metricSum(SCRAPE, "rxpush_forwarder_lag")).isEqualTo(7.0);
        assertThat(Observe.metricSum(SCRAPE, "rxpush_forwarder_pushed_total")).isZero();
    }
}
