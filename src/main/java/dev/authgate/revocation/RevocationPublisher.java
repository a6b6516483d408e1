package dev.authgate.revocation;

import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.redis.RedisStore;
import dev.authgate.redis.ThrottledWarning;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces ended sessions to every gateway instance. Call {@link #publish} only after Redis confirmed that
 * the session key was deleted: an id in the revoked set rejects every token of its session, so announcing a
 * session that still exists would lock its owner out until the entry expires.
 */
public final class RevocationPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(RevocationPublisher.class);

  private final RedisStore redis;
  private final RevocationBroadcast broadcast;
  private final GatewayMetrics metrics;
  private final ThrottledWarning warnings;

  RevocationPublisher(RedisStore redis, RevocationBroadcast broadcast, GatewayMetrics metrics, ThrottledWarning warnings) {
    this.redis = redis;
    this.broadcast = broadcast;
    this.metrics = metrics;
    this.warnings = warnings;
  }

  /**
   * Marks the session revoked in this process at once, then sends {@code PUBLISH ag:revocations <sid>}. The
   * future never fails: the session is already gone from Redis, so the request that ended it has succeeded.
   * A lost message only means that other instances reject the session's tokens at their next lookup in
   * Redis, within {@code forward-auth.revocation-check-seconds}.
   */
  public Future<Void> publish(String sessionId) {
    broadcast.markRevoked(sessionId);
    return redis.send(Command.PUBLISH, RevocationBroadcast.CHANNEL, sessionId)
        .<Void>mapEmpty()
        .recover(cause -> {
          metrics.revocationPublishFailed();
          warnings.warn(LOG, "Revocation of session " + sessionId + " was not published; other instances may accept"
              + " its tokens for up to forward-auth.revocation-check-seconds", cause);
          return Future.succeededFuture();
        });
  }
}
