package dev.authgate.forwardauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.authgate.token.VerifiedToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Verified access tokens, keyed by the SHA-256 of the token so that the cache contains no usable token. One
 * instance is shared by every event loop. An entry lives until its token expires (plus the leeway) or the
 * size bound evicts it. Entries are only a shortcut past the signature check: callers still compare
 * {@code exp} with their clock on every hit, so the cache's own timing never decides validity.
 */
final class TokenCache {

  /** Name of the cache in the {@code cache_*} metrics. */
  static final String METRICS_NAME = "authgate_verified_tokens";

  /**
   * A lookup in which Redis reported the session as existing: when it started (clock millis) and which
   * revocation subscription was open then ({@link dev.authgate.revocation.RevocationBroadcast#openSubscription()}).
   */
  record Confirmation(long atMillis, long subscription) {}

  /** One verified token and what Redis last reported about its session. */
  static final class Entry {

    final VerifiedToken token;
    /** The latest confirmation that the session exists, or null. One field, so both parts change together. */
    volatile Confirmation confirmation;
    /** Set once Redis reported the session as gone. Session ids are never reused, so this is final. */
    volatile boolean revoked;

    Entry(VerifiedToken token) {
      this.token = token;
    }
  }

  private final Cache<String, Entry> cache;

  private TokenCache(Cache<String, Entry> cache) {
    this.cache = cache;
  }

  /** Creates a cache of at most {@code maxEntries}; 0 makes one that stores nothing. */
  static TokenCache create(int maxEntries, long leewaySeconds, Clock clock, MeterRegistry registry) {
    if (maxEntries == 0) {
      return new TokenCache(null);
    }
    Cache<String, Entry> cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfter(Expiry.creating((String key, Entry entry) -> remainingLifetime(entry, leewaySeconds, clock)))
        // Maintenance is a few map operations; running it on the calling event loop avoids the common pool.
        .executor(Runnable::run)
        .recordStats()
        .build();
    if (registry != null) {
      CaffeineCacheMetrics.monitor(registry, cache, METRICS_NAME);
    }
    return new TokenCache(cache);
  }

  /** Returns the entry for {@code key}, or null. */
  Entry get(String key) {
    return cache == null ? null : cache.getIfPresent(key);
  }

  /** Stores a newly verified token and returns its entry; when another event loop stored one first, that one. */
  Entry put(String key, VerifiedToken token) {
    Entry entry = new Entry(token);
    if (cache == null) {
      return entry;
    }
    Entry existing = cache.asMap().putIfAbsent(key, entry);
    return existing != null ? existing : entry;
  }

  void invalidate(String key) {
    if (cache != null) {
      cache.invalidate(key);
    }
  }

  /** Returns the cache key of a token: its SHA-256, base64url. */
  static String keyOf(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Duration remainingLifetime(Entry entry, long leewaySeconds, Clock clock) {
    long seconds = entry.token.expiresAt() + leewaySeconds - clock.instant().getEpochSecond();
    return Duration.ofSeconds(Math.max(0, seconds));
  }
}
