package dev.authgate.session;

import dev.authgate.token.AccessToken;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the token pair answer shared by login and refresh. Tokens must never be cached on the way. */
public final class TokenResponse {

  private TokenResponse() {}

  public static void write(RoutingContext ctx, AccessToken access, RefreshToken refresh, long refreshTtlSeconds) {
    JsonObject body = new JsonObject()
        .put("access_token", access.value())
        .put("token_type", "Bearer")
        .put("expires_in", access.expiresInSeconds())
        .put("refresh_token", refresh.value())
        .put("refresh_expires_in", refreshTtlSeconds);
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(body.encode());
  }
}
