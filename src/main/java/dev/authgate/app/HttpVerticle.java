package dev.authgate.app;

import dev.authgate.config.GatewayConfig;
import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One HTTP server instance on one event loop. Several instances share the port; each owns its Redis pool and
 * its JWTAuth instances, because vertx-auth-jwt signs and verifies under a per-instance lock.
 */
public final class HttpVerticle extends VerticleBase {

  private final SharedServices shared;
  private RedisStore redis;
  private HttpServer server;

  public HttpVerticle(SharedServices shared) {
    this.shared = shared;
  }

  @Override
  public Future<?> start() {
    GatewayConfig config = shared.config();
    redis = RedisStore.create(vertx, config.redis(), shared.metrics());
    Router router = Routes.build(vertx, shared, redis);

    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(config.http().port())
        .setCompressionSupported(false));
    return server.requestHandler(router).listen();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
    return closing.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
