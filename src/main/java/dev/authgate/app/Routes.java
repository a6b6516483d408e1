package dev.authgate.app;

import dev.authgate.config.GatewayConfig;
import dev.authgate.health.HealthHandlers;
import dev.authgate.http.ProblemHandler;
import dev.authgate.login.CredentialStore;
import dev.authgate.login.LoginHandler;
import dev.authgate.profile.MeHandler;
import dev.authgate.redis.RedisStore;
import dev.authgate.session.LogoutHandler;
import dev.authgate.session.RefreshHandler;
import dev.authgate.session.SessionAuth;
import dev.authgate.session.SessionStore;
import dev.authgate.token.AccessTokenIssuer;
import dev.authgate.token.AccessTokenVerifier;
import dev.authgate.token.MetadataHandlers;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Wires the routes of one HTTP verticle instance: every endpoint of the gateway is listed here. */
final class Routes {

  private Routes() {}

  static Router build(Vertx vertx, SharedServices shared, RedisStore redis) {
    GatewayConfig config = shared.config();
    AccessTokenIssuer issuer = new AccessTokenIssuer(vertx, shared.activeKey(), config.tokens(), shared.clock());
    AccessTokenVerifier verifier = new AccessTokenVerifier(vertx, shared.publishedKeys(), config.tokens(), shared.clock());
    SessionStore sessions = new SessionStore(
        redis, config.tokens().refreshTtlSeconds(), config.tokens().refreshGraceSeconds(), shared.clock());
    CredentialStore credentials = new CredentialStore(redis);
    SessionAuth auth = new SessionAuth(verifier, sessions);
    MetadataHandlers metadata = new MetadataHandlers(shared.publishedKeys(), config);
    HealthHandlers health = new HealthHandlers(redis, !shared.publishedKeys().isEmpty());

    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));

    router.post("/auth/login").handler(new LoginHandler(credentials, shared.verifyPool(), shared.hasher(), sessions,
        issuer, config.password().maxBytes(), config.tokens().refreshTtlSeconds(), shared.metrics()));
    router.post("/auth/refresh").handler(
        new RefreshHandler(sessions, credentials, issuer, config.tokens().refreshTtlSeconds(), shared.metrics()));
    router.post("/auth/logout").handler(new LogoutHandler(auth, sessions));
    router.get("/me").handler(new MeHandler(auth, redis));
    router.get("/.well-known/jwks.json").handler(metadata::jwks);
    router.get("/.well-known/openid-configuration").handler(metadata::discovery);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/openapi.yaml").handler(OpenApiHandler::serve);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(shared.metrics().registry()));

    router.route().failureHandler(new ProblemHandler(config.redis().retryAfterSeconds()));
    router.errorHandler(404, ProblemHandler::writeStatus);
    router.errorHandler(405, ProblemHandler::writeStatus);
    return router;
  }
}
