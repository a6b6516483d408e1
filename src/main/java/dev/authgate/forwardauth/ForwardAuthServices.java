package dev.authgate.forwardauth;

import dev.authgate.config.GatewayConfig;
import dev.authgate.config.Mode;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.revocation.RevocationBroadcast;
import dev.authgate.session.SessionStore;
import dev.authgate.token.AccessTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward-auth state that all HTTP verticles share: the validated settings, the one token cache and the
 * revocation broadcast that the token checks consult. It is built once per gateway at start-up. {@link #create} throws {@link dev.authgate.config.ConfigException} for
 * an invalid rule or setting, which fails the start.
 */
public final class ForwardAuthServices {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardAuthServices.class);

  private final ForwardAuthSettings settings;
  private final TokenCache cache;
  private final RevocationBroadcast revocations;
  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private final Clock clock;

  private ForwardAuthServices(
      ForwardAuthSettings settings, TokenCache cache, RevocationBroadcast revocations, GatewayConfig config,
      GatewayMetrics metrics, Clock clock) {
    this.settings = settings;
    this.cache = cache;
    this.revocations = revocations;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  public static ForwardAuthServices create(GatewayConfig config, GatewayMetrics metrics, Clock clock) {
    ForwardAuthSettings settings = ForwardAuthSettings.from(config);
    TokenCache cache = TokenCache.create(
        settings.cacheMaxEntries(), config.tokens().leewaySeconds(), clock, metrics.registry());
    RevocationBroadcast revocations = RevocationBroadcast.create(
        revokedEntryLifetime(config, settings), clock, metrics);
    if (settings.rules().size() == 0 && config.mode() == Mode.PRODUCTION) {
      LOG.warn("forward-auth.rules is empty: /auth/verify denies every route until rules are configured");
    }
    LOG.info("Forward auth: {} rules, default action {}, session lookups reused for {} s while subscribed to"
        + " revocations, Redis failure {}", settings.rules().size(),
        ForwardAuthSettings.externalName(settings.defaultAction()), settings.revocationCheckSeconds(),
        ForwardAuthSettings.externalName(settings.redisFailure()));
    return new ForwardAuthServices(settings, cache, revocations, config, metrics, clock);
  }

  public ForwardAuthSettings settings() {
    return settings;
  }

  /** Returns the revocation broadcast of this process, for the session store and the subscriber verticle. */
  public RevocationBroadcast revocations() {
    return revocations;
  }

  /** Creates the token check of one verticle, over its own verifier and Redis pool and the shared cache. */
  public CachedTokenCheck tokenCheck(AccessTokenVerifier verifier, SessionStore sessions) {
    return new CachedTokenCheck(
        verifier, sessions, cache, revocations, settings, config.tokens().leewaySeconds(), clock, true);
  }

  /**
   * Returns the check for authgate's own endpoints ({@code /me}, logout): it shares the verified-token cache,
   * so repeated calls skip the signature check, but checks the session in Redis on every request and fails
   * closed, whatever the forward-auth window and grace settings say. It records no confirmations: a logout
   * looks the session up just before ending it, and that lookup must not open a forward-auth window.
   */
  public CachedTokenCheck strictTokenCheck(AccessTokenVerifier verifier, SessionStore sessions) {
    ForwardAuthSettings strict = new ForwardAuthSettings(settings.rules(), settings.defaultAction(),
        settings.caseSensitivePaths(), 0, ForwardAuthSettings.RedisFailure.FAIL_CLOSED, 0,
        settings.cacheMaxEntries(), settings.permissionsHeaderMaxBytes(), settings.headers());
    return new CachedTokenCheck(
        verifier, sessions, cache, revocations, strict, config.tokens().leewaySeconds(), clock, false);
  }

  /** Creates the {@code /auth/verify} handler of one verticle. */
  public ForwardAuthHandler handler(CachedTokenCheck tokenCheck) {
    ForwardAuthResponses responses = new ForwardAuthResponses(settings.headers(),
        settings.permissionsHeaderMaxBytes(), config.redis().retryAfterSeconds(), metrics);
    return new ForwardAuthHandler(tokenCheck, settings, responses);
  }

  /**
   * Returns how long a revoked id is kept: until every token of its session has expired (access-token
   * lifetime plus leeway), and at least for the revocation-check window. The second bound ensures that no
   * lookup made before the revocation is reused after the id is gone, whatever the clock skew between
   * instances.
   */
  private static Duration revokedEntryLifetime(GatewayConfig config, ForwardAuthSettings settings) {
    long tokenSeconds = config.tokens().accessTtlSeconds() + config.tokens().leewaySeconds();
    return Duration.ofSeconds(Math.max(tokenSeconds, settings.revocationCheckSeconds()));
  }
}
