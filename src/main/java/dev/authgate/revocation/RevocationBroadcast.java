package dev.authgate.revocation;

import dev.authgate.config.GatewayConfig;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.redis.RedisStore;
import dev.authgate.redis.ThrottledWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The revocation broadcast of one gateway process. Every instance that ends a session publishes its id on
 * the Redis channel {@value #CHANNEL}, and every instance subscribes to it, so a logout reaches the token
 * checks of all instances within the pub/sub delivery time instead of at their next session lookup.
 *
 * <p>Redis does not store pub/sub messages, so a message published while a subscriber is disconnected never
 * reaches it. Token checks therefore reuse a session lookup only while the subscription that was open at the
 * lookup is still open ({@link #openSubscription()}). One instance is shared by every event loop.
 */
public final class RevocationBroadcast {

  /**
   * The pub/sub channel. In Redis Cluster a plain PUBLISH reaches the subscribers on every node (redis.io,
   * PUBLISH command), unlike SPUBLISH, which stays within one shard.
   */
  public static final String CHANNEL = "ag:revocations";

  /** Value of {@link #openSubscription()} while the subscriber is not subscribed. */
  public static final long NO_SUBSCRIPTION = 0;

  private final RevokedSessions revoked;
  private final GatewayMetrics metrics;
  private final ThrottledWarning publishWarnings = new ThrottledWarning(5_000);
  private final AtomicLong subscriptionsOpened = new AtomicLong();
  private volatile long openSubscription = NO_SUBSCRIPTION;

  private RevocationBroadcast(RevokedSessions revoked, GatewayMetrics metrics) {
    this.revoked = revoked;
    this.metrics = metrics;
  }

  /**
   * Creates the broadcast state of one process. A revoked id is kept for {@code entryLifetime}, which must
   * cover the remaining lifetime of the session's tokens and the revocation-check window (see
   * {@link RevokedSessions}).
   */
  public static RevocationBroadcast create(Duration entryLifetime, Clock clock, GatewayMetrics metrics) {
    RevokedSessions revoked = RevokedSessions.create(entryLifetime, clock, metrics.registry());
    RevocationBroadcast broadcast = new RevocationBroadcast(revoked, metrics);
    metrics.revocationSubscription(() -> broadcast.openSubscription() == NO_SUBSCRIPTION ? 0 : 1);
    return broadcast;
  }

  /** Returns true when this process learned that the session ended, by its own logout or a message. */
  public boolean isRevoked(String sessionId) {
    return revoked.contains(sessionId);
  }

  /**
   * Returns the number of the open subscription, or {@link #NO_SUBSCRIPTION}. Each new subscription gets a
   * higher number, so a changed number means that messages may have been lost in between.
   */
  public long openSubscription() {
    return openSubscription;
  }

  /** Creates the publisher of one HTTP verticle, which sends over that verticle's Redis pool. */
  public RevocationPublisher publisher(RedisStore redis) {
    return new RevocationPublisher(redis, this, metrics, publishWarnings);
  }

  /** Creates the subscriber verticle. Deploy exactly one per process. */
  public RevocationSubscriber subscriber(GatewayConfig.Redis redis) {
    return new RevocationSubscriber(redis, this);
  }

  void markRevoked(String sessionId) {
    revoked.add(sessionId);
  }

  void subscriptionOpened() {
    openSubscription = subscriptionsOpened.incrementAndGet();
  }

  void subscriptionLost() {
    openSubscription = NO_SUBSCRIPTION;
  }
}
