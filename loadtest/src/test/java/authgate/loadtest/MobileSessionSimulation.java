package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * A mobile app session: log in, read {@code /me} {@code reads} times with a think time between
 * {@code thinkMinMs} and {@code thinkMaxMs}, refresh the token pair when it is due, then log out. Sessions start
 * at {@code sessionRate} per second for {@code duration}.
 *
 * <p>A refresh is due when the access token has less than {@code refreshMarginSeconds} left (from the
 * {@code expires_in} of the last token response), or after {@code refreshAfterReads} reads since the last
 * one. The second rule makes a run shorter than the access-token lifetime still exercise refresh.
 *
 * <p>The feeder is circular: one customer may hold several sessions at once (phone and tablet), and a long
 * run may start more sessions than the users file has users.
 */
public class MobileSessionSimulation extends Simulation {

  private static final String EXPIRES_AT_MILLIS = "accessExpiresAtMillis";
  private static final String READS_SINCE_REFRESH = "readsSinceRefresh";

  private final int refreshAfterReads = LoadTestConfig.refreshAfterReads();
  private final long refreshMarginMillis = LoadTestConfig.refreshMargin().toMillis();

  {
    // Counted from when the response arrived, so the estimate can be late by up to that response's time.
    // Keep refreshMarginSeconds well above it.
    ChainBuilder recordTokenTime = exec(session -> session
        .set(EXPIRES_AT_MILLIS, System.currentTimeMillis() + session.getInt(AuthApi.EXPIRES_IN) * 1000L)
        .set(READS_SINCE_REFRESH, 0));

    ChainBuilder readProfile = exec(
        pause(LoadTestConfig.thinkMin(), LoadTestConfig.thinkMax()),
        doIf(this::refreshDue).then(
            // A failed refresh sends a real app back to its login screen, so the virtual user stops.
            exec(AuthApi.refresh()).exitHereIfFailed(),
            recordTokenTime),
        exec(AuthApi.me()),
        exec(session -> session.set(READS_SINCE_REFRESH, session.getInt(READS_SINCE_REFRESH) + 1)));

    ScenarioBuilder mobile = scenario("mobile session")
        .feed(listFeeder(DemoUsers.records()).circular())
        .exec(AuthApi.login("login").check(AuthApi.tokenPair()))
        .exitHereIfFailed()
        .exec(recordTokenTime)
        .repeat(LoadTestConfig.reads()).on(readProfile)
        .exec(AuthApi.logout());

    setUp(mobile.injectOpen(constantUsersPerSec(LoadTestConfig.sessionRate()).during(LoadTestConfig.duration())))
        .protocols(AuthApi.protocol())
        .assertions(Goals.latencyAndErrors());
  }

  private boolean refreshDue(Session session) {
    boolean enoughReads = refreshAfterReads > 0 && session.getInt(READS_SINCE_REFRESH) >= refreshAfterReads;
    boolean nearExpiry = System.currentTimeMillis() >= session.getLong(EXPIRES_AT_MILLIS) - refreshMarginMillis;
    return enoughReads || nearExpiry;
  }
}
