package dev.authgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills the test's Redis under a running gateway. While it is down, every endpoint that needs Redis must fail
 * closed with 503 and Retry-After, and readiness must drop while liveness stays up. After a restart on the
 * same port the same gateway must recover without help. The test Redis has no persistence, so a restart
 * loses every session and user written before the kill.
 */
class RedisOutageTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  /** Distinct from the default of 1, so the test shows the configured value reaches the header. */
  private static final String RETRY_AFTER_SECONDS = "2";
  private static final int RECOVERY_ATTEMPTS = 50;
  private static final long RECOVERY_BACKOFF_MS = 100;

  /**
   * Short, so that a Redis call that hangs fails fast. TestGateway seeds the users with this timeout on a cold
   * Vert.x instance, whose first connection loads the Redis client classes on the event loop. A 200 ms timeout
   * failed there in a run where other builds shared the two CPU cores.
   */
  private static final String REDIS_TIMEOUT_MS = "500";

  static TestGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_REDIS_TIMEOUT_MS", REDIS_TIMEOUT_MS,
        "AUTHGATE_REDIS_RETRY_AFTER_SECONDS", RETRY_AFTER_SECONDS));
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  /** Writes the test users again, because the extension restarts a Redis that an earlier test killed with no keys. */
  @BeforeEach
  void writeUsers() {
    writeTestUsers();
  }

  @Test
  void loginDuringOutageIs503() {
    REDIS.server().kill();

    assertStoreUnavailable(login());
  }

  @Test
  void refreshDuringOutageIs503() {
    JsonObject tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    REDIS.server().kill();

    assertStoreUnavailable(refresh(tokens.getString("refresh_token")));
  }

  @Test
  void profileDuringOutageIs503() {
    JsonObject tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    REDIS.server().kill();

    assertStoreUnavailable(gateway.getWithToken("/me", tokens.getString("access_token")));
  }

  @Test
  void readinessDownDuringOutage() {
    REDIS.server().kill();

    HttpResponse<Buffer> ready = get("/health/ready");

    assertEquals(503, ready.statusCode(), ready.bodyAsString());
    assertEquals("DOWN", ready.bodyAsJsonObject().getJsonObject("checks").getString("redis"));
  }

  @Test
  void livenessUpDuringOutage() {
    REDIS.server().kill();

    HttpResponse<Buffer> live = get("/health/live");

    assertEquals(200, live.statusCode(), live.bodyAsString());
  }

  @Test
  void loginRecoversAfterRestart() throws Exception {
    REDIS.server().kill();
    assertStoreUnavailable(login());

    REDIS.server().restart();
    writeTestUsers();
    HttpResponse<Buffer> login = retryWhileUnavailable("POST /auth/login", RedisOutageTest::login);

    assertEquals(200, login.statusCode(), login.bodyAsString());
  }

  @Test
  void refreshRecoversAfterRestart() throws Exception {
    REDIS.server().kill();
    REDIS.server().restart();
    writeTestUsers();
    HttpResponse<Buffer> login = retryWhileUnavailable("POST /auth/login", RedisOutageTest::login);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    JsonObject tokens = login.bodyAsJsonObject();

    HttpResponse<Buffer> refresh = retryWhileUnavailable("POST /auth/refresh", () -> refresh(tokens.getString("refresh_token")));

    assertEquals(200, refresh.statusCode(), refresh.bodyAsString());
  }

  @Test
  void readinessRecoversAfterRestart() throws Exception {
    REDIS.server().kill();
    assertEquals(503, get("/health/ready").statusCode());

    REDIS.server().restart();
    HttpResponse<Buffer> ready = retryWhileUnavailable("GET /health/ready", () -> get("/health/ready"));

    assertEquals(200, ready.statusCode(), ready.bodyAsString());
  }

  @Test
  void sessionLostWithRedisData() throws Exception {
    JsonObject tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    REDIS.server().kill();
    REDIS.server().restart();

    HttpResponse<Buffer> me = retryWhileUnavailable("GET /me", () -> gateway.getWithToken("/me", tokens.getString("access_token")));
    HttpResponse<Buffer> refresh = retryWhileUnavailable("POST /auth/refresh", () -> refresh(tokens.getString("refresh_token")));

    assertEquals(401, me.statusCode(), me.bodyAsString());
    assertEquals(401, refresh.statusCode(), refresh.bodyAsString());
  }

  /** Writes the test users through a new Redis connection, which works as soon as {@code restart()} returns. */
  private static void writeTestUsers() {
    TestGateway.await(TestGateway.writeUsers(gateway.vertx(), gateway.config(), TestUsers.all()));
  }

  private static HttpResponse<Buffer> login() {
    return gateway.postJson("/auth/login", new JsonObject()
        .put("username", TestUsers.ALICE)
        .put("password", TestUsers.ALICE_PASSWORD));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static HttpResponse<Buffer> get(String path) {
    return TestGateway.await(gateway.client().get(path).send());
  }

  /**
   * Sends {@code request} until the status is something other than 503, pausing between tries, at most
   * {@link #RECOVERY_ATTEMPTS} times. The gateway's pooled Redis connections died with the old process, so
   * the first requests after a restart may still fail while new connections open.
   */
  private static HttpResponse<Buffer> retryWhileUnavailable(String requestName, Supplier<HttpResponse<Buffer>> request)
      throws InterruptedException {
    HttpResponse<Buffer> response = request.get();
    for (int attempt = 1; attempt < RECOVERY_ATTEMPTS && response.statusCode() == 503; attempt++) {
      TimeUnit.MILLISECONDS.sleep(RECOVERY_BACKOFF_MS);
      response = request.get();
    }
    if (response.statusCode() == 503) {
      throw new AssertionError(requestName + " still returned 503 after " + RECOVERY_ATTEMPTS + " attempts: " + response.bodyAsString());
    }
    return response;
  }

  private static void assertStoreUnavailable(HttpResponse<Buffer> response) {
    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals(RETRY_AFTER_SECONDS, response.getHeader("Retry-After"));
    assertEquals("urn:authgate:problem:store-unavailable", response.bodyAsJsonObject().getString("type"));
  }
}
