package authgate.loadtest;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Counts of OverloadSimulation's logins by outcome, plus the latency of admitted ones. Gatling's report
 * lists one "login" request whose statistics mix the fast 503 rejections with the admitted logins, so the
 * admitted latency is recorded here separately. Thread-safe.
 */
final class LoginOutcomes {

  private final long maxTrackedMillis;
  private final ConcurrentHistogram admittedMillis;
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();

  LoginOutcomes(Duration requestTimeout) {
    this.maxTrackedMillis = requestTimeout.toMillis();
    // Three significant digits: a recorded value is within 0.1% of the measured one.
    this.admittedMillis = new ConcurrentHistogram(Math.max(2, maxTrackedMillis), 3);
  }

  void admitted(long responseTimeMillis) {
    admittedMillis.recordValue(Math.min(Math.max(responseTimeMillis, 0), maxTrackedMillis));
  }

  void rejected() {
    rejected.increment();
  }

  /** Counts a timeout, an unexpected status or a failed check, such as an admitted login over admittedMaxMs. */
  void failed() {
    failed.increment();
  }

  long admittedCount() {
    return admittedMillis.getTotalCount();
  }

  long rejectedCount() {
    return rejected.sum();
  }

  String summary(Duration injected) {
    double seconds = Math.max(1, injected.toSeconds());
    return String.format(Locale.ROOT,
        "admitted %d (%.1f/s, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms), rejected with 503 and Retry-After %d"
            + " (%.1f/s), failed %d",
        admittedCount(), admittedCount() / seconds,
        admittedMillis.getValueAtPercentile(50), admittedMillis.getValueAtPercentile(95),
        admittedMillis.getValueAtPercentile(99), admittedMillis.getMaxValue(),
        rejectedCount(), rejectedCount() / seconds, failed.sum());
  }
}
