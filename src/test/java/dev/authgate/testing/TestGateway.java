package dev.authgate.testing;

import dev.authgate.app.Gateway;
import dev.authgate.config.GatewayConfig;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.profile.UserDocuments;
import dev.authgate.redis.RedisStore;
import dev.authgate.token.SigningKey;
import dev.authgate.token.SigningKeyLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway started in-process against a test's own Redis, with the test users written to it, a fixed
 * test signing key, and a {@link MutableClock}. Vert.x checks for blocked threads every 20 ms with a
 * {@value #BLOCKED_LIMIT_MS} ms limit, and {@link #assertNoBlockedThreads()} turns any warning into a test failure.
 *
 * <p>Methods block the calling test thread; never call them from an event loop.
 */
public final class TestGateway implements AutoCloseable {

  /**
   * Event-loop time that counts as blocking: far below Vert.x's 2 s default, with room for a loaded 2-core
   * machine that runs the gateway, Redis and the test client at once.
   */
  static final long BLOCKED_LIMIT_MS = 250;

  private static volatile SigningKey testKey;

  private final Vertx vertx;
  private final Gateway gateway;
  private final WebClient client;
  private final MutableClock clock;
  private final LogCapture logs;
  private final List<SigningKey> keys;

  private TestGateway(Vertx vertx, Gateway gateway, MutableClock clock, LogCapture logs, List<SigningKey> keys) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.clock = clock;
    this.logs = logs;
    this.keys = keys;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.config().http().port()));
  }

  /** Starts a gateway on a free port; {@code overrides} are AUTHGATE_* variables applied on top of the defaults. */
  public static TestGateway start(String redisUri, Map<String, String> overrides) {
    return start(redisUri, overrides, List.of(key()));
  }

  /** Starts a gateway that signs and verifies with {@code keys} (exactly one of them active). */
  public static TestGateway start(String redisUri, Map<String, String> overrides, List<SigningKey> keys) {
    Map<String, String> env = new HashMap<>();
    env.put("AUTHGATE_MODE", "development");
    env.put("AUTHGATE_REDIS_URL", redisUri);
    env.put("AUTHGATE_HTTP_HOST", "127.0.0.1");
    env.put("AUTHGATE_HTTP_PORT", Integer.toString(freePort()));
    env.put("AUTHGATE_HTTP_INSTANCES", "2");
    // New hashes at the test users' own low cost, so their logins do not queue hash upgrades on the pool.
    env.put("AUTHGATE_PASSWORD_ARGON2_MEMORY_KIB", Integer.toString(TestUsers.FAST.memoryKib()));
    env.put("AUTHGATE_PASSWORD_ARGON2_ITERATIONS", Integer.toString(TestUsers.FAST.iterations()));
    env.putAll(overrides);
    GatewayConfig config = GatewayConfig.load(null, env);

    LogCapture logs = LogCapture.install();
    MutableClock clock = MutableClock.startingNow();
    GatewayMetrics metrics = new GatewayMetrics();
    Vertx vertx = metrics.newVertx(new VertxOptions()
        .setBlockedThreadCheckInterval(20)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(BLOCKED_LIMIT_MS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      writeUsers(vertx, config, TestUsers.all()).await(10, TimeUnit.SECONDS);
      Gateway gateway = Gateway.start(vertx, config, keys, metrics, clock).await(20, TimeUnit.SECONDS);
      TestGateway started = new TestGateway(vertx, gateway, clock, logs, keys);
      // Verticle start-up and the test client's first request load hundreds of classes on event loops once;
      // the check is meant for the requests under test.
      await(started.client.get("/health/live").send());
      logs.clear();
      return started;
    } catch (Exception e) {
      vertx.close();
      logs.uninstall();
      throw new IllegalStateException("Test gateway did not start", e);
    }
  }

  public static TestGateway start(String redisUri) {
    return start(redisUri, Map.of());
  }

  /** Returns the shared RSA test key, generated once per JVM. */
  public static synchronized SigningKey key() {
    if (testKey == null) {
      testKey = SigningKeyLoader.generate("test-key-1", "RS256");
    }
    return testKey;
  }

  /** Writes user records to the gateway's Redis, as the profile loader would. */
  public static Future<Void> writeUsers(Vertx vertx, GatewayConfig config, List<JsonObject> users) {
    // Set-up writes get a generous deadline of their own: a test's short Redis timeout is for the gateway.
    GatewayConfig.Redis settings = config.redis();
    GatewayConfig.Redis setup = new GatewayConfig.Redis(settings.urls(), settings.type(), settings.masterName(),
        settings.poolSize(), settings.maxWaiting(), 10_000, settings.retryAfterSeconds());
    RedisStore redis = RedisStore.create(vertx, setup, null);
    List<Request> writes = new ArrayList<>();
    users.forEach(user -> writes.addAll(UserDocuments.toWrites(user)));
    // Separate commands, not a batch, because a user's keys span Cluster slots (see RedisStore#sendEach).
    return redis.sendEach(writes).eventually(redis::close);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Gateway gateway() {
    return gateway;
  }

  public WebClient client() {
    return client;
  }

  public int port() {
    return gateway.config().http().port();
  }

  public GatewayConfig config() {
    return gateway.config();
  }

  public MutableClock clock() {
    return clock;
  }

  public LogCapture logs() {
    return logs;
  }

  public List<SigningKey> keys() {
    return keys;
  }

  /** Posts JSON and waits for the response. */
  public HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return await(client.post(path).putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()));
  }

  /** Logs in and returns the token response; fails the test unless the login succeeds. */
  public JsonObject login(String username, String password) {
    HttpResponse<Buffer> response = postJson("/auth/login", new JsonObject().put("username", username).put("password", password));
    if (response.statusCode() != 200) {
      throw new AssertionError("Login of " + username + " failed with " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** GETs a path with a bearer token (or none when null) and waits for the response. */
  public HttpResponse<Buffer> getWithToken(String path, String accessToken) {
    var request = client.get(path);
    if (accessToken != null) {
      request.putHeader("Authorization", "Bearer " + accessToken);
    }
    return await(request.send());
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Request did not complete: " + e, e);
    }
  }

  public void assertNoBlockedThreads() {
    List<String> warnings = logs.blockedThreadWarnings();
    if (!warnings.isEmpty()) {
      throw new AssertionError("Vert.x reported blocked threads: " + warnings);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
      gateway.stop().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Test gateway did not stop", e);
    } finally {
      logs.uninstall();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the test gateway", e);
    }
  }
}
