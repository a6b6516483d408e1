package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peak traffic: logins, refreshes and profile reads at {@code rate} requests/s in total, split by {@code mix},
 * for {@code duration}. Each arrival sends exactly one request, so the shares in the report match the mix.
 *
 * <p>A warm-up first logs in {@code poolSize} users into a {@link SessionPool}, from which refreshes and reads
 * take their tokens. Those warm-up logins appear in the report as "warm-up login" and must all succeed.
 * Access tokens live 5 minutes by default, so a run much longer than that with no refresh share would read
 * with expired tokens.
 *
 * <p>The login feeder is circular: logins here only add load, and one customer may log in more than once.
 */
public class PeakMixSimulation extends Simulation {

  private static final Logger LOG = LoggerFactory.getLogger(PeakMixSimulation.class);
  private static final String POOLED_SESSION = "pooledSession";
  /** Warm-up login rate, kept low because a warm-up login rejected with 503 fails the run. */
  private static final int WARM_UP_LOGINS_PER_SECOND = 10;

  private final SessionPool pool = new SessionPool();

  {
    double rate = LoadTestConfig.rate();
    Mix mix = LoadTestConfig.mix();
    Duration duration = LoadTestConfig.duration();
    int poolSize = LoadTestConfig.poolSize();
    List<Map<String, Object>> users = DemoUsers.records();
    LOG.info("Peak mix: {} requests/s for {} s ({}), session pool of {}", rate, duration.toSeconds(), mix, poolSize);

    List<PopulationBuilder> mixed = new ArrayList<>();
    addIfShared(mixed, logins(users), rate * mix.login(), duration);
    addIfShared(mixed, refreshes(), rate * mix.refresh(), duration);
    addIfShared(mixed, reads(), rate * mix.me(), duration);

    Duration warmUpTime = Duration.ofSeconds(Math.max(1, poolSize / WARM_UP_LOGINS_PER_SECOND));
    List<Assertion> assertions = new ArrayList<>(Goals.latencyAndErrors());
    assertions.add(details("warm-up login").failedRequests().count().is(0L));

    setUp(warmUp(users).injectOpen(rampUsers(poolSize).during(warmUpTime)).andThen(mixed))
        .protocols(AuthApi.protocol())
        .assertions(assertions);
  }

  @Override
  public void after() {
    LOG.info("Session pool: {} sessions left at the end", pool.size());
    if (pool.emptyBorrows() > 0) {
      LOG.warn("{} refreshes were skipped because every pooled session was being refreshed. Raise -DpoolSize.",
          pool.emptyBorrows());
    }
  }

  private ScenarioBuilder warmUp(List<Map<String, Object>> users) {
    return scenario("warm-up")
        .feed(listFeeder(users).circular())
        .exec(AuthApi.login("warm-up login").check(AuthApi.tokenPair()))
        .exec(session -> {
          if (!session.isFailed()) {
            pool.add(session.getString(AuthApi.ACCESS_TOKEN), session.getString(AuthApi.REFRESH_TOKEN));
          }
          return session;
        });
  }

  private static ScenarioBuilder logins(List<Map<String, Object>> users) {
    return scenario("login")
        .feed(listFeeder(users).circular())
        .exec(AuthApi.login("login").check(AuthApi.tokenPair()));
  }

  private ScenarioBuilder refreshes() {
    return scenario("refresh")
        .exec(session -> {
          SessionPool.PooledSession borrowed = pool.borrow();
          return borrowed == null ? session
              : session.set(POOLED_SESSION, borrowed).set(AuthApi.REFRESH_TOKEN, borrowed.refreshToken());
        })
        .doIf(session -> session.contains(POOLED_SESSION)).then(
            exec(AuthApi.refresh()),
            exec(this::returnToPool));
  }

  private Session returnToPool(Session session) {
    SessionPool.PooledSession borrowed = session.get(POOLED_SESSION);
    if (session.isFailed()) {
      pool.discard(borrowed);
    } else {
      pool.giveBack(borrowed, session.getString(AuthApi.ACCESS_TOKEN), session.getString(AuthApi.REFRESH_TOKEN));
    }
    return session;
  }

  private ScenarioBuilder reads() {
    return scenario("me")
        .exec(session -> {
          SessionPool.PooledSession any = pool.any();
          return any == null ? session : session.set(AuthApi.ACCESS_TOKEN, any.accessToken());
        })
        .doIf(session -> session.contains(AuthApi.ACCESS_TOKEN)).then(exec(AuthApi.me()));
  }

  private static void addIfShared(List<PopulationBuilder> populations, ScenarioBuilder scenario,
      double ratePerSecond, Duration duration) {
    if (ratePerSecond > 0) {
      populations.add(scenario.injectOpen(constantUsersPerSec(ratePerSecond).during(duration)));
    }
  }
}
