package dev.authgate.bench;

import dev.authgate.redis.RedisKeys;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;

/**
 * The baseline for {@code loadtest/bench.sh}: the least a Vert.x server can do for the two kinds of request
 * that the gateway's figures are compared with. It has no router, no authentication and no JSON handling.
 *
 * <ul>
 *   <li>{@code GET /hello} returns a constant body. It is the baseline for {@code /auth/verify}.</li>
 *   <li>{@code GET /profile/<userId>} sends one Redis GET of the user's profile body, the key that
 *       {@code GET /me} reads, and returns the value. It is the baseline for {@code GET /me}.</li>
 * </ul>
 *
 * <p>It deploys one verticle per core, each with its own HTTP server and its own Redis pool of the gateway's
 * default size, as the gateway does. Not a test: {@code mvn verify} compiles it but never runs it.
 * <pre>
 * java -cp TEST_CLASSPATH dev.authgate.bench.BareRedisServer PORT redis://127.0.0.1:REDIS_PORT
 * </pre>
 * It binds to 127.0.0.1 only and runs until it gets SIGTERM.
 */
public final class BareRedisServer extends VerticleBase {

  /** The gateway's default {@code redis.pool-size}, connections per verticle. */
  private static final int POOL_SIZE = 8;
  /** The gateway's default {@code redis.max-waiting}. */
  private static final int MAX_WAITING = 1024;
  private static final String HOST = "127.0.0.1";
  private static final String PROFILE_PREFIX = "/profile/";
  private static final String HELLO = "hello\n";

  private final int port;
  private final String redisUri;
  private Redis redis;

  private BareRedisServer(int port, String redisUri) {
    this.port = port;
    this.redisUri = redisUri;
  }

  @Override
  public Future<?> start() {
    redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(redisUri)
        .setMaxPoolSize(POOL_SIZE)
        .setMaxPoolWaiting(MAX_WAITING)
        .setMaxWaitingHandlers(MAX_WAITING));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port));
    return server.requestHandler(this::handle).listen();
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/hello")) {
      request.response().putHeader("Content-Type", "text/plain").end(HELLO);
      return;
    }
    if (!path.startsWith(PROFILE_PREFIX) || path.length() == PROFILE_PREFIX.length()) {
      request.response().setStatusCode(404).end();
      return;
    }

    String userId = path.substring(PROFILE_PREFIX.length());
    redis.send(Request.cmd(Command.GET).arg(RedisKeys.profile(userId)))
        .onSuccess(value -> {
          if (value == null) {
            request.response().setStatusCode(404).end();
          } else {
            request.response().putHeader("Content-Type", "application/json").end(value.toBuffer());
          }
        })
        .onFailure(cause -> request.response().setStatusCode(503).end());
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: BareRedisServer PORT REDIS_URI, for example 18081 redis://127.0.0.1:37221");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String redisUri = args[1];
    int cores = Runtime.getRuntime().availableProcessors();

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(cores));
    vertx.deployVerticle(() -> new BareRedisServer(port, redisUri), new DeploymentOptions().setInstances(cores))
        .await(30, TimeUnit.SECONDS);
    System.out.println("BareRedisServer listening on " + HOST + ":" + port + " with " + cores
        + " verticles, Redis " + redisUri);
  }
}
