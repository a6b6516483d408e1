package dev.authgate.forwardauth;

import dev.authgate.forwardauth.ForwardAuthSettings.RedisFailure;
import dev.authgate.redis.RedisUnavailableException;
import dev.authgate.revocation.RevocationBroadcast;
import dev.authgate.session.SessionStore;
import dev.authgate.token.AccessTokenVerifier;
import dev.authgate.token.InvalidTokenException;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an access token for {@code /auth/verify} and {@code /oauth/introspect}: signature, algorithm,
 * issuer, audience and lifetime (through {@link AccessTokenVerifier}, skipped when the token is cached), then
 * that its session has not ended.
 *
 * <p>Revocation: a session whose end reached this process, through its own logout or a message of the
 * {@link RevocationBroadcast}, is rejected before anything else. Otherwise Redis's report that the session
 * exists is reused for {@code revocation-check-seconds} per token, but only while the revocation subscription
 * that was open at the lookup is still open. While no subscription is open, and for the first request of each
 * token after a new one opened, the session is looked up in Redis, because messages may have been lost in
 * between. Apart from the message's delivery time, a token of an ended session therefore passes only when
 * the message was lost while the subscription stayed open, for example because the ending instance could not
 * publish it, and then for at most {@code revocation-check-seconds} after the session ended.
 *
 * <p>When Redis fails, {@code redis-failure: fail-closed} fails the check with
 * {@link RedisUnavailableException} (503). {@code grace} allows a token whose session Redis confirmed at most
 * {@code redis-grace-seconds} ago, and fails the rest the same way.
 *
 * <p>The future fails with {@link InvalidTokenException} for every token that must not pass. Each HTTP verticle
 * has its own instance, because the verifier and the Redis pool are per event loop; the cache is shared.
 */
public final class CachedTokenCheck {

  private static final Logger LOG = LoggerFactory.getLogger(CachedTokenCheck.class);
  private static final long GRACE_LOG_INTERVAL_MS = 5_000;

  /** Result of the session lookup: the session exists, it is gone, or Redis failed within the grace period. */
  private enum SessionState { LIVE, GONE, GRACE }

  /** A token that passed, and whether it passed only through the Redis grace period. */
  public record Result(VerifiedToken token, boolean grace) {}

  private final AccessTokenVerifier verifier;
  private final SessionStore sessions;
  private final TokenCache cache;
  private final RevocationBroadcast revocations;
  private final ForwardAuthSettings settings;
  private final long leewaySeconds;
  private final Clock clock;
  private final boolean recordsConfirmations;
  private final AtomicLong lastGraceLogMillis = new AtomicLong();

  CachedTokenCheck(
      AccessTokenVerifier verifier, SessionStore sessions, TokenCache cache, RevocationBroadcast revocations,
      ForwardAuthSettings settings, long leewaySeconds, Clock clock, boolean recordsConfirmations) {
    this.verifier = verifier;
    this.sessions = sessions;
    this.cache = cache;
    this.revocations = revocations;
    this.settings = settings;
    this.leewaySeconds = leewaySeconds;
    this.clock = clock;
    this.recordsConfirmations = recordsConfirmations;
  }

  public Future<Result> check(String token) {
    String key = TokenCache.keyOf(token);
    TokenCache.Entry cached = cache.get(key);
    Future<TokenCache.Entry> verified = cached != null
        ? Future.succeededFuture(cached)
        : verifier.verify(token).map(checked -> cache.put(key, checked));

    return verified
        .compose(entry -> checkLifetime(key, entry))
        .compose(this::checkSession);
  }

  /** Repeats the expiry check for cached tokens, which skipped the verifier. */
  private Future<TokenCache.Entry> checkLifetime(String key, TokenCache.Entry entry) {
    long now = clock.instant().getEpochSecond();
    if (now - leewaySeconds >= entry.token.expiresAt()) {
      cache.invalidate(key);
      return Future.failedFuture(new InvalidTokenException("token expired at " + entry.token.expiresAt()));
    }
    return Future.succeededFuture(entry);
  }

  private Future<Result> checkSession(TokenCache.Entry entry) {
    if (entry.revoked || revocations.isRevoked(entry.token.sessionId())) {
      entry.revoked = true;
      return Future.failedFuture(revoked(entry));
    }

    long now = clock.millis();
    long subscription = revocations.openSubscription();
    if (isReusable(entry.confirmation, subscription, now)) {
      return Future.succeededFuture(new Result(entry.token, false));
    }

    return sessions.isActive(entry.token.sessionId())
        .map(active -> active ? SessionState.LIVE : SessionState.GONE)
        .recover(cause -> withinGrace(entry, now, cause))
        .compose(state -> outcome(entry, new TokenCache.Confirmation(now, subscription), state));
  }

  /**
   * Returns true when {@code confirmation} is younger than the window and the subscription that was open when
   * it was made is still open: every revocation since then would have reached the revoked set.
   */
  private boolean isReusable(TokenCache.Confirmation confirmation, long subscription, long now) {
    return confirmation != null
        && subscription != RevocationBroadcast.NO_SUBSCRIPTION
        && confirmation.subscription() == subscription
        && now - confirmation.atMillis() < settings.revocationCheckSeconds() * 1000;
  }

  private Future<Result> outcome(TokenCache.Entry entry, TokenCache.Confirmation lookup, SessionState state) {
    switch (state) {
      case LIVE:
        if (recordsConfirmations) {
          entry.confirmation = lookup;
        }
        return Future.succeededFuture(new Result(entry.token, false));
      case GONE:
        // The entry stays, so later requests with this token are refused without asking Redis again.
        entry.revoked = true;
        return Future.failedFuture(revoked(entry));
      default:
        // Not a confirmation: the grace period keeps counting from the last real one.
        return Future.succeededFuture(new Result(entry.token, true));
    }
  }

  /** Returns {@link SessionState#GRACE} when the policy allows this entry through a Redis failure, else fails. */
  private Future<SessionState> withinGrace(TokenCache.Entry entry, long now, Throwable cause) {
    TokenCache.Confirmation confirmation = entry.confirmation;
    boolean allowed = cause instanceof RedisUnavailableException
        && settings.redisFailure() == RedisFailure.GRACE
        && confirmation != null
        && now - confirmation.atMillis() <= settings.redisGraceSeconds() * 1000;
    if (!allowed) {
      return Future.failedFuture(cause);
    }
    logGrace(now);
    return Future.succeededFuture(SessionState.GRACE);
  }

  private void logGrace(long now) {
    long last = lastGraceLogMillis.get();
    if (now - last >= GRACE_LOG_INTERVAL_MS && lastGraceLogMillis.compareAndSet(last, now)) {
      LOG.warn("Redis is not responding; allowing tokens whose session was confirmed within the last {} s"
          + " (forward-auth.redis-failure: grace)", settings.redisGraceSeconds());
    }
  }

  private static InvalidTokenException revoked(TokenCache.Entry entry) {
    return new InvalidTokenException("session " + entry.token.sessionId() + " is revoked or expired");
  }
}
