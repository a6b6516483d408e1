package dev.authgate.introspection;

import dev.authgate.forwardauth.CachedTokenCheck;
import dev.authgate.token.InvalidTokenException;
import dev.authgate.token.VerifiedToken;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /oauth/introspect} (RFC 7662) for resource servers that hold client credentials. The token goes
 * through the same checks as {@code /auth/verify}, cache and revocation window included. Every token that
 * fails any check gets the same {@code {"active": false}}, so the response reveals nothing about why. Client
 * authentication comes first, so that nobody without credentials learns whether a token is valid. A Redis
 * failure that the {@code forward-auth.redis-failure} policy does not cover gets 503.
 */
public final class IntrospectionHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(IntrospectionHandler.class);
  private static final JsonObject INACTIVE = new JsonObject().put("active", false);

  private final IntrospectionClients clients;
  private final CachedTokenCheck tokenCheck;

  public IntrospectionHandler(IntrospectionClients clients, CachedTokenCheck tokenCheck) {
    this.clients = clients;
    this.tokenCheck = tokenCheck;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<String> client = BasicCredentials.from(ctx.request().headers().getAll("Authorization"))
        .flatMap(credentials -> clients.authenticate(credentials.id(), credentials.secret()));
    if (client.isEmpty()) {
      LOG.debug("Rejected introspection request: missing or wrong client credentials");
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"authgate-introspection\"");
      writeJson(ctx.response(), 401, oauthError("invalid_client", "Client authentication failed."));
      return;
    }
    String token = ctx.request().getFormAttribute("token");
    if (token == null || token.isBlank()) {
      writeJson(ctx.response(), 400, oauthError("invalid_request",
          "The form-encoded (application/x-www-form-urlencoded) parameter 'token' is required."));
      return;
    }

    tokenCheck.check(token.trim())
        .map(checked -> active(token.trim(), checked.token()))
        .recover(cause -> cause instanceof InvalidTokenException
            ? Future.succeededFuture(INACTIVE)
            : Future.failedFuture(cause))
        .onSuccess(body -> writeJson(ctx.response(), 200, body))
        .onFailure(ctx::fail);
  }

  /**
   * Builds the response for a token that passed. {@code iat}, {@code iss}, {@code aud} and {@code client_id} are
   * read from the payload, which is safe because this exact token string has just been verified or was
   * verified when it entered the cache.
   */
  private static JsonObject active(String token, VerifiedToken verified) {
    JsonObject claims = payload(token);
    JsonObject body = new JsonObject()
        .put("active", true)
        .put("sub", verified.subject())
        .put("sid", verified.sessionId())
        .put("jti", verified.jti())
        .put("scope", String.join(" ", verified.permissions()))
        .put("permissions", new JsonArray(verified.permissions()))
        .put("roles", new JsonArray(verified.roles()))
        .put("exp", verified.expiresAt())
        .put("token_type", "Bearer");
    for (String name : new String[] {"iat", "iss", "aud", "client_id"}) {
      if (claims.containsKey(name)) {
        body.put(name, claims.getValue(name));
      }
    }
    return body;
  }

  private static JsonObject payload(String token) {
    String[] segments = token.split("\\.", -1);
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(segments[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ArrayIndexOutOfBoundsException e) {
      // Cannot happen for a verified token. Reported as inactive rather than as a server error.
      throw new InvalidTokenException("token payload cannot be read again after verification");
    }
  }

  private static JsonObject oauthError(String code, String description) {
    return new JsonObject().put("error", code).put("error_description", description);
  }

  private static void writeJson(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
