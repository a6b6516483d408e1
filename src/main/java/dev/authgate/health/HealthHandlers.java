package dev.authgate.health;

import dev.authgate.redis.RedisStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;

/**
 * {@code GET /health/live} answers 200 while the process serves HTTP. {@code GET /health/ready} answers 200
 * only when Redis replies to PING within the Redis timeout and the signing keys are loaded, and 503 otherwise,
 * so a load balancer stops sending logins to an instance that cannot finish them.
 */
public final class HealthHandlers {

  private final RedisStore redis;
  private final boolean keysLoaded;

  public HealthHandlers(RedisStore redis, boolean keysLoaded) {
    this.redis = redis;
    this.keysLoaded = keysLoaded;
  }

  public void live(RoutingContext ctx) {
    write(ctx, 200, new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    redis.send(Command.PING)
        .onSuccess(pong -> write(ctx, keysLoaded ? 200 : 503, new JsonObject()
            .put("status", keysLoaded ? "UP" : "DOWN")
            .put("checks", new JsonObject().put("redis", "UP").put("signing-keys", keysLoaded ? "UP" : "DOWN"))))
        .onFailure(cause -> write(ctx, 503, new JsonObject()
            .put("status", "DOWN")
            .put("checks", new JsonObject().put("redis", "DOWN").put("signing-keys", keysLoaded ? "UP" : "DOWN"))));
  }

  private static void write(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
