package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins offered at {@code overloadFactor} times {@code capacity} logins/s for {@code duration}, to check that
 * the gateway sheds load instead of queueing it into client timeouts.
 *
 * <p>Expected responses are 200, or 503 with a Retry-After header. Both count as OK in the report, and the
 * split between them is logged at the end. Everything else fails a request: another status, a 503 without Retry-After, a
 * request timeout ({@code requestTimeoutMs}), or an admitted login slower than {@code admittedMaxMs}. The run
 * passes only when no request failed.
 *
 * <p>The feeder is circular: the offered load needs more logins than there are demo users, and repeated
 * logins cost the gateway as much as new ones (each verifies the password).
 */
public class OverloadSimulation extends Simulation {

  private static final Logger LOG = LoggerFactory.getLogger(OverloadSimulation.class);
  private static final String STATUS = "status";
  private static final String RESPONSE_TIME_MS = "responseTimeMs";

  private final Duration duration = LoadTestConfig.duration();
  private final Duration requestTimeout = LoadTestConfig.requestTimeout();
  private final LoginOutcomes outcomes = new LoginOutcomes(requestTimeout);

  {
    double offered = LoadTestConfig.capacity() * LoadTestConfig.overloadFactor();
    LOG.info("Overload: {} logins/s offered ({} x capacity {}) for {} s", offered, LoadTestConfig.overloadFactor(),
        LoadTestConfig.capacity(), duration.toSeconds());

    ScenarioBuilder overload = scenario("overload")
        .feed(listFeeder(DemoUsers.records()).circular())
        .exec(loginUnderOverload(LoadTestConfig.admittedMaxMs()))
        .exec(this::countOutcome);

    setUp(overload.injectOpen(constantUsersPerSec(offered).during(duration)))
        .protocols(AuthApi.protocol())
        .assertions(
            global().responseTime().max().lt((int) requestTimeout.toMillis()),
            global().failedRequests().count().is(0L));
  }

  @Override
  public void after() {
    LOG.info("Overload logins: {}", outcomes.summary(duration));
    if (outcomes.rejectedCount() == 0) {
      LOG.warn("The gateway rejected no login, so this run did not overload it. Raise -Dcapacity or -DoverloadFactor.");
    }
  }

  private static HttpRequestActionBuilder loginUnderOverload(int admittedMaxMs) {
    return AuthApi.login("login")
        .check(status().in(200, 503).saveAs(STATUS), responseTimeInMillis().saveAs(RESPONSE_TIME_MS))
        .checkIf((response, session) -> response.status().code() == 503)
        .then(header("Retry-After").exists())
        .checkIf((response, session) -> response.status().code() == 200)
        // Compared as a boolean so that all slow logins share one line in the report's error table.
        .then(jmesPath("access_token").exists(), responseTimeInMillis()
            .transform(millis -> millis <= admittedMaxMs).is(true)
            .name("admitted login within " + admittedMaxMs + " ms"));
  }

  private Session countOutcome(Session session) {
    boolean answered = session.contains(STATUS);
    // Admitted logins over admittedMaxMs count as failed too, and stay in the latency percentiles.
    if (answered && session.getInt(STATUS) == 200 && session.contains(RESPONSE_TIME_MS)) {
      outcomes.admitted(session.getInt(RESPONSE_TIME_MS));
    }

    if (session.isFailed() || !answered) {
      outcomes.failed();
    } else if (session.getInt(STATUS) == 503) {
      outcomes.rejected();
    }
    return session;
  }
}
