package dev.authgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once refresh: replays inside the grace window, theft detection after it, and Redis stalls mid-way. */
class RefreshGraceTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), Map.of("AUTHGATE_REDIS_TIMEOUT_MS", "300"));
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void retryInsideGraceGetsSamePair() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    JsonObject first = refresh(old).bodyAsJsonObject();
    gateway.clock().advance(Duration.ofSeconds(5));

    JsonObject again = refresh(old).bodyAsJsonObject();

    assertEquals(first.getString("refresh_token"), again.getString("refresh_token"));
    assertEquals(first.getString("access_token"), again.getString("access_token"));
  }

  @Test
  void reuseAfterGraceRevokesSession() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    JsonObject rotated = refresh(old).bodyAsJsonObject();
    gateway.clock().advance(Duration.ofSeconds(11));

    HttpResponse<Buffer> replay = refresh(old);

    assertEquals(401, replay.statusCode());
    assertEquals(401, refresh(rotated.getString("refresh_token")).statusCode(), "the thief's successor token");
    assertEquals(401, gateway.getWithToken("/me", rotated.getString("access_token")).statusCode());
  }

  @Test
  void olderRotatedTokenRevokesSession() {
    String first = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    String second = refresh(first).bodyAsJsonObject().getString("refresh_token");
    gateway.clock().advance(Duration.ofSeconds(11));
    String third = refresh(second).bodyAsJsonObject().getString("refresh_token");

    assertEquals(401, refresh(first).statusCode(), "a token two rotations old");
    assertEquals(401, refresh(third).statusCode(), "the session is gone");
  }

  @Test
  void zeroGraceRevokesOnSecondUse() {
    try (TestGateway strict = TestGateway.start(REDIS.uri(), Map.of("AUTHGATE_TOKENS_REFRESH_GRACE_SECONDS", "0"))) {
      String old = strict.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
      JsonObject rotated = strict.postJson("/auth/refresh", new JsonObject().put("refresh_token", old)).bodyAsJsonObject();

      assertEquals(401, strict.postJson("/auth/refresh", new JsonObject().put("refresh_token", old)).statusCode());
      assertEquals(401, strict.postJson("/auth/refresh",
          new JsonObject().put("refresh_token", rotated.getString("refresh_token"))).statusCode());
    }
  }

  @Test
  void reuseIsCountedInMetrics() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    refresh(old);
    gateway.clock().advance(Duration.ofSeconds(11));
    refresh(old);

    String metrics = gateway.getWithToken("/metrics", null).bodyAsString();

    assertTrue(metrics.lines().anyMatch(line -> line.startsWith("authgate_refresh_reuse_detected_total") && !line.endsWith(" 0.0")),
        "reuse counter missing or zero");
  }

  @Test
  void stalledRedisKeepsOldTokenUsable() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    // Reads go through, writes (the rotation script) wait past the gateway's Redis timeout.
    pauseRedisWrites(1500);

    HttpResponse<Buffer> stalled = refresh(old);

    assertEquals(503, stalled.statusCode(), stalled.bodyAsString());
    assertNotNull(stalled.getHeader("Retry-After"));
    HttpResponse<Buffer> retried = retryUntilAnswered(old);
    assertEquals(200, retried.statusCode(), retried.bodyAsString());
  }

  @Test
  void logoutAllEndsEverySession() {
    JsonObject phone = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    JsonObject tablet = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    HttpResponse<Buffer> logout = TestGateway.await(gateway.client().post("/auth/logout")
        .putHeader("Authorization", "Bearer " + phone.getString("access_token"))
        .putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("all", true).toBuffer()));

    assertEquals(204, logout.statusCode(), logout.bodyAsString());
    assertEquals(401, gateway.getWithToken("/me", phone.getString("access_token")).statusCode());
    assertEquals(401, gateway.getWithToken("/me", tablet.getString("access_token")).statusCode());
    assertEquals(401, refresh(tablet.getString("refresh_token")).statusCode());
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  /** Retries while the pause lasts; bounded to 40 tries of 100 ms. */
  private static HttpResponse<Buffer> retryUntilAnswered(String refreshToken) {
    HttpResponse<Buffer> response = refresh(refreshToken);
    for (int attempt = 0; attempt < 40 && response.statusCode() == 503; attempt++) {
      TestGateway.await(gateway.vertx().timer(100));
      response = refresh(refreshToken);
    }
    return response;
  }

  private static void pauseRedisWrites(long millis) {
    Redis client = Redis.createClient(gateway.vertx(), REDIS.uri());
    try {
      TestGateway.await(client.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(millis).arg("WRITE")));
    } finally {
      client.close();
    }
  }
}
