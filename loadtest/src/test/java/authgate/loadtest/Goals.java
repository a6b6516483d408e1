package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.List;

/**
 * The pass/fail goals that every simulation checks over all its requests. A missed goal makes Gatling print
 * the assertion as failed and exit non-zero, which fails the Maven build.
 */
final class Goals {

  private Goals() {}

  static List<Assertion> latencyAndErrors() {
    return List.of(
        global().responseTime().percentile(95.0).lt(LoadTestConfig.p95Ms()),
        global().responseTime().percentile(99.0).lt(LoadTestConfig.p99Ms()),
        global().failedRequests().percent().lte(LoadTestConfig.maxFailedPercent()));
  }
}
