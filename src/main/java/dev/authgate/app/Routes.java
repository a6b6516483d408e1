package dev.authgate.app;

import dev.authgate.audit.AuditLog;
import dev.authgate.audit.KeyRotationAudit;
import dev.authgate.config.GatewayConfig;
import dev.authgate.forwardauth.CachedTokenCheck;
import dev.authgate.forwardauth.ForwardAuthHandler;
import dev.authgate.health.HealthHandlers;
import dev.authgate.http.ClientIp;
import dev.authgate.http.ProblemHandler;
import dev.authgate.introspection.IntrospectionHandler;
import dev.authgate.login.CredentialStore;
import dev.authgate.login.HashUpgrade;
import dev.authgate.login.LoginHandler;
import dev.authgate.profile.MeHandler;
import dev.authgate.redis.RedisStore;
import dev.authgate.session.LogoutHandler;
import dev.authgate.session.RefreshHandler;
import dev.authgate.session.SessionAuth;
import dev.authgate.session.SessionStore;
import dev.authgate.throttle.LoginThrottle;
import dev.authgate.throttle.ThrottleSettings;
import dev.authgate.token.AccessTokenIssuer;
import dev.authgate.token.AccessTokenVerifier;
import dev.authgate.token.MetadataHandlers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import dev.authgate.logging.RequestIds;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/** Wires the routes of one HTTP verticle instance: every endpoint of the gateway is listed here. */
final class Routes {

  /** Every method that OpenAPI can document; another method on /auth/verify gets 405, which gateways treat as a denial. */
  private static final List<HttpMethod> FORWARD_AUTH_METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD,
      HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE);

  private Routes() {}

  static Router build(Vertx vertx, SharedServices shared, RedisStore redis) {
    GatewayConfig config = shared.config();
    AccessTokenIssuer issuer = new AccessTokenIssuer(vertx, shared.activeKey(), config.tokens(), shared.clock());
    AccessTokenVerifier verifier = new AccessTokenVerifier(vertx, shared.publishedKeys(), config.tokens(), shared.clock());
    SessionStore sessions = new SessionStore(redis, shared.forwardAuth().revocations().publisher(redis),
        config.tokens().refreshTtlSeconds(), config.tokens().refreshGraceSeconds(), shared.clock());
    CredentialStore credentials = new CredentialStore(redis);
    MetadataHandlers metadata = new MetadataHandlers(shared.publishedKeys(), config);
    HealthHandlers health = new HealthHandlers(redis, !shared.publishedKeys().isEmpty());
    AuditLog audit = AuditLog.create(redis, config.reader(), shared.clock(), shared.metrics());
    LoginThrottle throttle = new LoginThrottle(redis, ThrottleSettings.from(config.reader()), shared.clock());
    HashUpgrade upgrades = new HashUpgrade(redis, shared.verifyPool(), shared.hasher(), audit);
    KeyRotationAudit.recordIfRotated(redis, audit, shared.activeKey().kid());

    Router router = Router.router(vertx);
    router.route().handler(new RequestIds(config.reader().bool("logging.access-log")));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
    router.route().handler(ClientIp.fromConfig(config.reader()));

    CachedTokenCheck ownCheck = shared.forwardAuth().strictTokenCheck(verifier, sessions);
    SessionAuth auth = new SessionAuth(token -> ownCheck.check(token).map(CachedTokenCheck.Result::token));

    router.post("/auth/login").handler(new LoginHandler(credentials, shared.verifyPool(), shared.hasher(), sessions,
        issuer, config.password().maxBytes(), config.tokens().refreshTtlSeconds(), shared.metrics(),
        throttle, audit, upgrades, config.password().fastUnknownUsers()));
    router.post("/auth/refresh").handler(
        new RefreshHandler(sessions, credentials, issuer, config.tokens().refreshTtlSeconds(), shared.metrics(), audit));
    router.post("/auth/logout").handler(new LogoutHandler(auth, sessions, audit));
    router.get("/me").handler(new MeHandler(auth, redis));
    router.get("/.well-known/jwks.json").handler(metadata::jwks);
    router.get("/.well-known/openid-configuration").handler(metadata::discovery);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/openapi.yaml").handler(OpenApiHandler::serve);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(shared.metrics().registry()));

    CachedTokenCheck tokenCheck = shared.forwardAuth().tokenCheck(verifier, sessions);
    ForwardAuthHandler forwardAuth = shared.forwardAuth().handler(tokenCheck);
    // Gateways send the client's own method; "/auth/verify/*" is Envoy's path prefix plus the original path.
    for (HttpMethod method : FORWARD_AUTH_METHODS) {
      router.route(method, "/auth/verify").handler(forwardAuth);
      router.route(method, "/auth/verify/*").handler(forwardAuth);
    }
    router.post("/oauth/introspect").handler(new IntrospectionHandler(shared.introspectionClients(), tokenCheck));

    router.route().failureHandler(new ProblemHandler(config.redis().retryAfterSeconds()));
    router.errorHandler(404, ProblemHandler::writeStatus);
    router.errorHandler(405, ProblemHandler::writeStatus);
    return router;
  }
}
