package dev.authgate.app;

import dev.authgate.config.GatewayConfig;
import dev.authgate.forwardauth.ForwardAuthServices;
import dev.authgate.introspection.IntrospectionClients;
import dev.authgate.login.VerifyPool;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.password.PasswordHasher;
import dev.authgate.token.SigningKey;
import java.time.Clock;
import java.util.List;

/**
 * The services that all HTTP verticle instances share: settings, keys, the password hasher and its bounded
 * pool, the clock, the forward-auth rules and token cache, and the introspection clients. Everything per
 * event loop (Redis pool, JWTAuth instances, router) is created by each verticle.
 */
public record SharedServices(
    GatewayConfig config, SigningKey activeKey, List<SigningKey> publishedKeys, PasswordHasher hasher,
    VerifyPool verifyPool, GatewayMetrics metrics, Clock clock, ForwardAuthServices forwardAuth,
    IntrospectionClients introspectionClients) {

  /**
   * Builds the forward-auth services (rules, token cache) and the introspection clients from {@code config}.
   * Throws {@link dev.authgate.config.ConfigException} for an invalid rule or client, which fails start-up.
   */
  public SharedServices(
      GatewayConfig config, SigningKey activeKey, List<SigningKey> publishedKeys, PasswordHasher hasher,
      VerifyPool verifyPool, GatewayMetrics metrics, Clock clock) {
    this(config, activeKey, publishedKeys, hasher, verifyPool, metrics, clock,
        ForwardAuthServices.create(config, metrics, clock), IntrospectionClients.from(config));
  }
}
