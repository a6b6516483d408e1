package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A morning login storm: arrivals ramp from {@code startRate} to {@code peakRate} logins/s over {@code duration},
 * and each virtual user logs in once.
 *
 * <p>The feeder is a queue, so every login is by a different user, with a cold credential read and a new
 * session, as when many customers open the app at once. A queue cannot run dry mid-run without failing the
 * users that find it empty, so the simulation stops before the first request when the ramp needs more
 * users than the file has.
 */
public class LoginStormSimulation extends Simulation {

  {
    double startRate = LoadTestConfig.startRate();
    double peakRate = LoadTestConfig.peakRate();
    Duration duration = LoadTestConfig.duration();
    List<Map<String, Object>> users = DemoUsers.records();
    requireEnoughUsers(startRate, peakRate, duration, users.size());

    ScenarioBuilder storm = scenario("login storm")
        .feed(listFeeder(users).queue())
        .exec(AuthApi.login("login").check(AuthApi.tokenPair()));

    setUp(storm.injectOpen(rampUsersPerSec(startRate).to(peakRate).during(duration)))
        .protocols(AuthApi.protocol())
        .assertions(Goals.latencyAndErrors());
  }

  private static void requireEnoughUsers(double startRate, double peakRate, Duration duration, int available) {
    // A linear ramp injects the mean of its two rates, every second of its duration.
    long needed = Math.round((startRate + peakRate) / 2 * duration.toSeconds());
    if (needed > available) {
      throw new IllegalArgumentException(String.format(
          "The ramp from %s to %s logins/s over %d s needs about %d distinct users, but the users file has %d."
              + " Lower -DpeakRate or -Dduration.", startRate, peakRate, duration.toSeconds(), needed, available));
    }
  }
}
