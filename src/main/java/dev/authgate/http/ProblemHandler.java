package dev.authgate.http;

import dev.authgate.logging.RequestIds;
import dev.authgate.redis.RedisUnavailableException;
import dev.authgate.token.InvalidTokenException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into HTTP responses. Known problems keep their status; Redis failures
 * become 503 with Retry-After; vertx-web's own status failures (404, 405, 413) get a problem body; anything
 * else is logged with its cause and gets a generic 500.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  private final int redisRetryAfterSeconds;

  public ProblemHandler(int redisRetryAfterSeconds) {
    this.redisRetryAfterSeconds = redisRetryAfterSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpProblem problem = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    write(ctx.response(), problem);
  }

  /** Writes the response for a status that vertx-web decided without a failure, such as 404 or 405. */
  public static void writeStatus(RoutingContext ctx) {
    if (!ctx.response().headWritten()) {
      write(ctx.response(), byStatus(ctx.statusCode()));
    }
  }

  public static void write(HttpServerResponse response, HttpProblem problem) {
    JsonObject body = new JsonObject()
        .put("type", "urn:authgate:problem:" + problem.type())
        .put("title", problem.title())
        .put("status", problem.status())
        .put("detail", problem.detail());
    if (problem.field() != null) {
      body.put("field", problem.field());
    }
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store");
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", Integer.toString(problem.retryAfterSeconds()));
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(body.encode());
  }

  private HttpProblem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpProblem problem) {
      return problem;
    }
    if (failure instanceof InvalidTokenException invalid) {
      LOG.info("Rejected access token on {} {} (request {}): {}", ctx.request().method(), ctx.normalizedPath(),
          RequestIds.of(ctx), invalid.getMessage());
      return HttpProblem.invalidToken("The access token is missing, invalid, expired or revoked.");
    }
    if (failure instanceof RedisUnavailableException) {
      return HttpProblem.unavailable("store-unavailable", "The session store is not answering; retry shortly.", redisRetryAfterSeconds);
    }
    if (failure == null) {
      return byStatus(ctx.statusCode());
    }
    LOG.error("Unhandled failure on {} {} (request {})", ctx.request().method(), ctx.normalizedPath(), RequestIds.of(ctx), failure);
    return HttpProblem.of(500, "internal-error", "Internal error", "The gateway failed to handle the request.");
  }

  private static HttpProblem byStatus(int status) {
    return switch (status) {
      case 404 -> HttpProblem.notFound("No resource at this path.");
      case 405 -> HttpProblem.of(405, "method-not-allowed", "Method not allowed", "This path does not accept this method.");
      case 413 -> HttpProblem.of(413, "payload-too-large", "Payload too large", "The request body is larger than the gateway accepts.");
      case 415 -> HttpProblem.unsupportedMediaType("The request body must be application/json.");
      case 400 -> HttpProblem.malformedBody("The request could not be read.");
      default -> HttpProblem.of(status, "http-" + status, "HTTP " + status, "The request failed with status " + status + ".");
    };
  }
}
