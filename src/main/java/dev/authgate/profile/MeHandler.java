package dev.authgate.profile;

import dev.authgate.http.HttpProblem;
import dev.authgate.redis.RedisKeys;
import dev.authgate.redis.RedisStore;
import dev.authgate.session.SessionAuth;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /me}: the caller's profile body from Redis, with the roles and permissions of the token. Fields
 * that hold credentials are removed even if a loader wrongly copied them into the body.
 */
public final class MeHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(MeHandler.class);
  private static final Set<String> SECRET_FIELDS = Set.of("password", "password_hash", "passwordHash", "credential");

  private final SessionAuth auth;
  private final RedisStore redis;

  public MeHandler(SessionAuth auth, RedisStore redis) {
    this.auth = auth;
    this.redis = redis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    auth.authenticate(ctx)
        .compose(token -> redis.send(Command.GET, RedisKeys.profile(token.subject()))
            .compose(document -> toProfile(token, document)))
        .onSuccess(profile -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(profile.encode()))
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> toProfile(VerifiedToken token, Response document) {
    if (document == null) {
      LOG.warn("User {} has a live session but no profile body in Redis", token.subject());
      return Future.failedFuture(HttpProblem.notFound("No profile is stored for this user."));
    }
    JsonObject profile;
    try {
      profile = new JsonObject(document.toString());
    } catch (DecodeException e) {
      LOG.error("Profile body of user {} is not valid JSON", token.subject());
      return Future.failedFuture(e);
    }
    SECRET_FIELDS.forEach(profile::remove);
    profile.put("id", token.subject());
    profile.put("roles", token.roles());
    profile.put("permissions", token.permissions());
    return Future.succeededFuture(profile);
  }
}
