package dev.authgate.redis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a repeated warning at most once per interval, with the count of the ones it held back, so that an
 * outage under peak load does not flood the log.
 */
public final class ThrottledWarning {

  private final long intervalMs;
  private final AtomicLong lastLoggedAt = new AtomicLong();
  private final AtomicInteger suppressed = new AtomicInteger();

  public ThrottledWarning(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  public void warn(Logger log, String message, Throwable cause) {
    long now = System.currentTimeMillis();
    long last = lastLoggedAt.get();
    if (now - last < intervalMs || !lastLoggedAt.compareAndSet(last, now)) {
      suppressed.incrementAndGet();
      return;
    }
    int held = suppressed.getAndSet(0);
    String suffix = held > 0 ? " (" + held + " similar warnings suppressed)" : "";
    log.warn("{}: {}{}", message, cause.toString(), suffix);
  }
}
