package dev.authgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verify pool sheds load at once instead of queueing into timeouts. The pool (one worker, one queue
 * slot) is filled with tasks that wait on a latch, so every check is about state, not timing.
 */
class AdmissionControlTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Future<Boolean>> blockers = new ArrayList<>();

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_PASSWORD_WORKERS", "1",
        "AUTHGATE_PASSWORD_QUEUE_SIZE", "1",
        "AUTHGATE_PASSWORD_RETRY_AFTER_SECONDS", "3"));
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @AfterEach
  void releasePool() {
    release.countDown();
    blockers.forEach(TestGateway::await);
  }

  @Test
  void fullPoolRejectsLoginAtOnce() {
    fillPool();

    HttpResponse<Buffer> response = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("3", response.getHeader("Retry-After"));
    assertEquals("urn:authgate:problem:overloaded", response.bodyAsJsonObject().getString("type"));
  }

  @Test
  void badInputDoesNotWaitForPool() {
    fillPool();

    HttpResponse<Buffer> response = gateway.postJson("/auth/login", new JsonObject().put("username", "alice"));

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("password", response.bodyAsJsonObject().getString("field"));
  }

  @Test
  void unknownUserWaitsForPoolByDefault() {
    fillPool();

    HttpResponse<Buffer> response = login("nobody-here", "some-password");

    assertEquals(503, response.statusCode(), "equal-time verifies unknown users against a dummy hash");
  }

  @Test
  void fastPolicyRejectsUnknownUserWithoutPool() {
    try (TestGateway fast = TestGateway.start(REDIS.uri(), Map.of(
        "AUTHGATE_PASSWORD_WORKERS", "1", "AUTHGATE_PASSWORD_QUEUE_SIZE", "0",
        "AUTHGATE_PASSWORD_UNKNOWN_USERS", "fast"))) {
      VerifyPool pool = fast.gateway().verifyPool();
      Future<Boolean> blocker = pool.submit(() -> release.await(30, TimeUnit.SECONDS));
      HttpResponse<Buffer> unknown;
      HttpResponse<Buffer> known;
      try {
        unknown = fast.postJson("/auth/login",
            new JsonObject().put("username", "nobody-here").put("password", "some-password"));
        known = fast.postJson("/auth/login",
            new JsonObject().put("username", TestUsers.ALICE).put("password", TestUsers.ALICE_PASSWORD));
      } finally {
        // Drained before this gateway closes: its futures cannot complete on a closed Vert.x.
        release.countDown();
        TestGateway.await(blocker);
      }

      assertEquals(401, unknown.statusCode(), unknown.bodyAsString());
      assertEquals(503, known.statusCode(), "a real account still needs the pool");
    }
  }

  @Test
  void sessionsStillWorkWhilePoolIsFull() {
    JsonObject tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    fillPool();

    assertEquals(200, gateway.getWithToken("/me", tokens.getString("access_token")).statusCode());
    assertEquals(200, gateway.postJson("/auth/refresh",
        new JsonObject().put("refresh_token", tokens.getString("refresh_token"))).statusCode());
  }

  @Test
  void loginWorksAgainAfterPoolDrains() {
    fillPool();
    release.countDown();
    blockers.forEach(TestGateway::await);

    HttpResponse<Buffer> response = login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void rejectionIsCountedInMetrics() {
    fillPool();
    login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);

    String metrics = gateway.getWithToken("/metrics", null).bodyAsString();

    assertNotNull(metrics.lines()
        .filter(line -> line.startsWith("authgate_logins_total{outcome=\"rejected_load\"}") && !line.endsWith(" 0.0"))
        .findFirst().orElse(null), "rejected_load counter missing or zero");
  }

  /**
   * Occupies the single worker and the single queue slot until the test ends. A login may have left a hash
   * upgrade running on the pool, so this first waits (at most 100 × 50 ms) for the pool to drain.
   */
  private void fillPool() {
    VerifyPool pool = gateway.gateway().verifyPool();
    for (int attempt = 0; attempt < 100 && pool.inFlight() > 0; attempt++) {
      TestGateway.await(gateway.vertx().timer(50));
    }
    for (int i = 0; i < pool.capacity(); i++) {
      blockers.add(pool.submit(() -> release.await(30, TimeUnit.SECONDS)));
    }
    assertEquals(pool.capacity(), pool.inFlight(), "pool not full");
  }

  private static HttpResponse<Buffer> login(String username, String password) {
    return gateway.postJson("/auth/login", new JsonObject().put("username", username).put("password", password));
  }
}
