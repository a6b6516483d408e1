package dev.authgate.logging;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token of at most 64
 * characters, else a new UUID. The id is echoed in the response header and, when the access log is on,
 * written with the method, path, status and duration of each request.
 */
public final class RequestIds implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  public static final String CONTEXT_KEY = "requestId";
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.authgate.access");

  private final boolean accessLog;

  public RequestIds(boolean accessLog) {
    this.accessLog = accessLog;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String sent = ctx.request().getHeader(HEADER);
    String id = sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(HEADER, id);
    if (accessLog) {
      long started = System.nanoTime();
      ctx.addBodyEndHandler(done -> ACCESS.info("request_id={} method={} path={} status={} duration_ms={}",
          id, ctx.request().method(), ctx.normalizedPath(), ctx.response().getStatusCode(),
          (System.nanoTime() - started) / 1_000_000));
    }
    ctx.next();
  }

  /** Returns the id of the request, or "-" outside of one. */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(CONTEXT_KEY);
    return id == null ? "-" : id;
  }
}
