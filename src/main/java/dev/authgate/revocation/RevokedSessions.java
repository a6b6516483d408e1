package dev.authgate.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;

/**
 * The ids of sessions that ended recently, in this process. An id is added only after Redis confirmed that
 * the session key was deleted, and session ids are never reused, so every token that carries one of these
 * ids must be rejected. One instance is shared by every event loop.
 *
 * <p>Entries expire a fixed time after they were added, measured on the gateway's clock, which also decides
 * token expiry. The set is bounded: when more sessions end within one entry lifetime than it holds, Caffeine
 * evicts some early, and their tokens fall back to the session lookup in Redis.
 */
final class RevokedSessions {

  /** Name of the set in the {@code cache_*} metrics. */
  static final String METRICS_NAME = "authgate_revoked_sessions";

  /**
   * About 300 logouts per second for 330 s, the default access-token lifetime plus leeway. At roughly 150
   * bytes per entry (an estimate) that is 15 MB at most.
   */
  static final int MAX_ENTRIES = 100_000;

  private final Cache<String, Boolean> ids;

  private RevokedSessions(Cache<String, Boolean> ids) {
    this.ids = ids;
  }

  /** Creates a set whose entries live for {@code entryLifetime}. {@code registry} may be null. */
  static RevokedSessions create(Duration entryLifetime, Clock clock, MeterRegistry registry) {
    Cache<String, Boolean> ids = Caffeine.newBuilder()
        .maximumSize(MAX_ENTRIES)
        .expireAfterWrite(entryLifetime)
        .ticker(tickerOf(clock))
        // Maintenance is a few map operations, so it runs on the calling thread instead of the common pool.
        .executor(Runnable::run)
        .recordStats()
        .build();
    if (registry != null) {
      CaffeineCacheMetrics.monitor(registry, ids, METRICS_NAME);
    }
    return new RevokedSessions(ids);
  }

  void add(String sessionId) {
    ids.put(sessionId, Boolean.TRUE);
  }

  boolean contains(String sessionId) {
    return ids.getIfPresent(sessionId) != null;
  }

  /** Nanoseconds since creation on {@code clock}: epoch nanoseconds would overflow a long. */
  private static Ticker tickerOf(Clock clock) {
    long origin = clock.millis();
    return () -> (clock.millis() - origin) * 1_000_000;
  }
}
