package dev.authgate.redis;

import dev.authgate.config.GatewayConfig;
import dev.authgate.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands to Redis with a deadline. Every failure, including a timeout, becomes a
 * {@link RedisUnavailableException}, so callers map one type to 503. Each HTTP verticle owns one instance,
 * and so one connection pool on its own event loop.
 */
public final class RedisStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  private final Redis client;
  private final long timeoutMs;
  private final GatewayMetrics metrics;
  private final ThrottledWarning warnings = new ThrottledWarning(5_000);

  private RedisStore(Redis client, long timeoutMs, GatewayMetrics metrics) {
    this.client = client;
    this.timeoutMs = timeoutMs;
    this.metrics = metrics;
  }

  /** Creates a store whose commands are timed in {@code metrics}; pass null for no metrics. */
  public static RedisStore create(Vertx vertx, GatewayConfig.Redis config, GatewayMetrics metrics) {
    RedisOptions options = new RedisOptions()
        .setType(RedisClientType.valueOf(config.type().toUpperCase(Locale.ROOT)))
        .setEndpoints(config.urls())
        .setMaxPoolSize(config.poolSize())
        .setMaxPoolWaiting(config.maxWaiting())
        .setMaxWaitingHandlers(config.maxWaiting());
    if ("sentinel".equals(config.type())) {
      options.setMasterName(config.masterName());
    }
    return new RedisStore(Redis.createClient(vertx, options), config.timeoutMs(), metrics);
  }

  /** Sends one command; the future fails with {@link RedisUnavailableException} on error or timeout. */
  public Future<Response> send(Command command, Object... args) {
    Request request = Request.cmd(command);
    for (Object arg : args) {
      request.arg(arg.toString());
    }
    return bounded(client.send(request), command.toString().toLowerCase(Locale.ROOT));
  }

  /**
   * Sends each command on its own, all without waiting, and completes once every reply arrived. The commands
   * may touch keys in different Redis Cluster slots, because the cluster client routes each one to the node
   * that owns its key. Keep the list within {@code redis.max-waiting}, since each command takes a pooled
   * connection.
   */
  public Future<Void> sendEach(List<Request> requests) {
    List<Future<Response>> replies = requests.stream()
        .map(request -> bounded(client.send(request), request.command().toString().toLowerCase(Locale.ROOT)))
        .toList();
    return Future.all(replies).mapEmpty();
  }

  public Future<Void> close() {
    return client.close();
  }

  private <T> Future<T> bounded(Future<T> future, String what) {
    long started = System.nanoTime();
    return future
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(done -> {
          if (metrics != null) {
            metrics.redisCommand(what, System.nanoTime() - started, done.failed() && !isNoScript(done.cause()));
          }
        })
        .recover(cause -> {
          if (isNoScript(cause)) {
            // Expected after a Redis restart or failover: LuaScript sends the script again.
            return Future.failedFuture(cause);
          }
          warnings.warn(LOG, "Redis " + what + " failed", cause);
          return Future.failedFuture(new RedisUnavailableException("Redis " + what + " failed", cause));
        });
  }

  static boolean isNoScript(Throwable cause) {
    return cause instanceof Response reply
        && reply.type() == ResponseType.ERROR
        && cause.getMessage() != null
        && cause.getMessage().startsWith("NOSCRIPT");
  }
}
