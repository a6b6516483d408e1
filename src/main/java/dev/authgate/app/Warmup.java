package dev.authgate.app;

import dev.authgate.audit.AuditLog;
import dev.authgate.config.GatewayConfig;
import dev.authgate.http.ClientIp;
import dev.authgate.login.LoginNames;
import dev.authgate.throttle.LoginThrottle;
import dev.authgate.token.AccessToken;
import dev.authgate.token.AccessTokenIssuer;
import dev.authgate.token.AccessTokenVerifier;
import dev.authgate.token.KeyRing;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Exercises the per-request code paths once on a worker thread before the HTTP verticles start. The first
 * Unicode normalisation, JSON encoding and JWT signature load classes and tables for tens of milliseconds.
 * Doing that here keeps the first requests from stalling an event loop, and proves the signing key works.
 */
final class Warmup {

  private Warmup() {}

  static void run(Vertx vertx, KeyRing keys, GatewayConfig.Tokens tokens, Clock clock) throws Exception {
    LoginNames.normalise("Ｗａｒｍｕｐ@Example.COM");
    new JsonObject().put("warmup", List.of("a", "b")).encode();
    ClientIp.warmUp();
    LoginThrottle.warmUp();
    AuditLog.warmUp();
    AccessToken token = new AccessTokenIssuer(vertx, keys.active(), tokens, clock)
        .issue("warmup", "warmup", List.of(), List.of());
    // Future.await is not allowed on worker threads; verification completes without I/O anyway.
    new AccessTokenVerifier(vertx, keys.published(), tokens, clock).verify(token.value())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
