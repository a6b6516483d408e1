package dev.authgate.app;

import dev.authgate.config.GatewayConfig;
import dev.authgate.login.VerifyPool;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.password.PasswordHasher;
import dev.authgate.token.SigningKey;
import java.time.Clock;
import java.util.List;

/**
 * What all HTTP verticle instances share: settings, keys, the password hasher and its bounded pool, and the
 * clock. Everything per event loop (Redis pool, JWTAuth instances, router) is created by each verticle.
 */
public record SharedServices(
    GatewayConfig config, SigningKey activeKey, List<SigningKey> publishedKeys, PasswordHasher hasher,
    VerifyPool verifyPool, GatewayMetrics metrics, Clock clock) {}
