package dev.authgate.forwardauth;

import dev.authgate.http.ProblemHandler;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.metrics.GatewayMetrics.ForwardAuthDecision;
import dev.authgate.redis.RedisUnavailableException;
import dev.authgate.token.InvalidTokenException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every response of {@code /auth/verify} and counts it: 200 with identity headers, or a small
 * problem+json body with the status each gateway understands. This is the one place where failure types map
 * to statuses. The WWW-Authenticate challenge follows RFC 6750: plain {@code Bearer} when no token was sent,
 * {@code error="invalid_token"} for a token that failed, {@code error="insufficient_scope"} for a missing
 * permission.
 */
final class ForwardAuthResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardAuthResponses.class);

  private final IdentityHeaderNames names;
  private final int permissionsMaxBytes;
  private final int retryAfterSeconds;
  private final GatewayMetrics metrics;

  ForwardAuthResponses(IdentityHeaderNames names, int permissionsMaxBytes, int retryAfterSeconds, GatewayMetrics metrics) {
    this.names = names;
    this.permissionsMaxBytes = permissionsMaxBytes;
    this.retryAfterSeconds = retryAfterSeconds;
    this.metrics = metrics;
  }

  void allow(RoutingContext ctx, Allowed allowed) {
    HttpServerResponse response = ctx.response();
    boolean omitted;
    try {
      omitted = IdentityHeaders.write(response.headers(), names, allowed.check().token(), permissionsMaxBytes);
    } catch (IllegalStateException e) {
      deny(ctx, e);
      return;
    }
    if (omitted) {
      LOG.warn("Omitted the permissions header for subject {}: longer than forward-auth.permissions-header-max-bytes ({})",
          allowed.check().token().subject(), permissionsMaxBytes);
    }
    metrics.forwardAuthDecision(allowed.check().grace() ? ForwardAuthDecision.ALLOW_GRACE : ForwardAuthDecision.ALLOW);
    response.setStatusCode(200).putHeader("Cache-Control", "no-store").end();
  }

  void deny(RoutingContext ctx, Throwable cause) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (cause instanceof RejectedRequestException) {
      LOG.debug("Rejected a verify request: {}", cause.getMessage());
      write(response, ForwardAuthDecision.INVALID_REQUEST, 400, "invalid-original-request", "Invalid original request",
          "The original request is malformed or ambiguous: " + cause.getMessage() + ".");
    } else if (cause instanceof MissingTokenException) {
      response.putHeader("WWW-Authenticate", "Bearer");
      write(response, ForwardAuthDecision.UNAUTHENTICATED, 401, "invalid-token", "Invalid token",
          "The request carries no bearer token.");
    } else if (cause instanceof InvalidTokenException) {
      LOG.debug("Rejected an access token at /auth/verify: {}", cause.getMessage());
      response.putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      write(response, ForwardAuthDecision.UNAUTHENTICATED, 401, "invalid-token", "Invalid token",
          "The access token is invalid, expired or revoked.");
    } else if (cause instanceof AccessDeniedException denied) {
      denyAccess(response, denied);
    } else if (cause instanceof RedisUnavailableException) {
      response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
      write(response, ForwardAuthDecision.UNAVAILABLE, 503, "store-unavailable", "Service unavailable",
          "The session store is not responding; retry shortly.");
    } else {
      LOG.error("Verify request failed", cause);
      write(response, ForwardAuthDecision.ERROR, 500, "internal-error", "Internal error",
          "The gateway failed to handle the request.");
    }
  }

  private void denyAccess(HttpServerResponse response, AccessDeniedException denied) {
    LOG.info("Denied at /auth/verify: {}", denied.getMessage());
    if (denied.reason() == AccessDeniedException.Reason.INSUFFICIENT_PERMISSION) {
      response.putHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
      write(response, ForwardAuthDecision.FORBIDDEN, 403, "insufficient-permission", "Forbidden",
          "The access token lacks a permission or role that this route requires.");
    } else {
      write(response, ForwardAuthDecision.FORBIDDEN, 403, "route-not-allowed", "Forbidden",
          "No forward-auth rule allows this route.");
    }
  }

  private void write(
      HttpServerResponse response, ForwardAuthDecision decision, int status, String type, String title, String detail) {
    metrics.forwardAuthDecision(decision);
    JsonObject body = new JsonObject()
        .put("type", "urn:authgate:problem:" + type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    response.setStatusCode(status)
        .putHeader("Content-Type", ProblemHandler.CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** An allowed request: the checked token and the rule that admitted it, or null under allow-authenticated. */
  record Allowed(CachedTokenCheck.Result check, RouteRule rule) {}
}
