package dev.authgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.authgate.testing.RedisSentinelFixture;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The gateway with {@code redis.type: sentinel}, finding its master through one Sentinel. */
@EnabledIf(value = "dev.authgate.testing.Tools#redisToolsOnPath",
    disabledReason = "redis-server and redis-cli must be on the PATH to run a Redis Sentinel")
class RedisSentinelTest {

  static RedisSentinelFixture sentinel;
  static TestGateway gateway;

  @BeforeAll
  static void startGateway() throws IOException {
    sentinel = RedisSentinelFixture.start();
    gateway = TestGateway.start(sentinel.sentinelUri(), Map.of(
        "AUTHGATE_REDIS_TYPE", "sentinel",
        "AUTHGATE_REDIS_MASTER_NAME", RedisSentinelFixture.MASTER_NAME));
  }

  @AfterAll
  static void stopGateway() {
    try {
      if (gateway != null) {
        gateway.assertNoBlockedThreads();
        gateway.close();
      }
    } finally {
      if (sentinel != null) {
        sentinel.close();
      }
    }
  }

  @Test
  void loginAndRefreshWorkThroughSentinel() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");

    HttpResponse<Buffer> refreshed = gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", old));

    assertEquals(200, refreshed.statusCode(), refreshed.bodyAsString());
    assertNotEquals(old, refreshed.bodyAsJsonObject().getString("refresh_token"), "refresh token was not rotated");
  }

  @Test
  void readinessReportsRedisUp() {
    HttpResponse<Buffer> ready = gateway.getWithToken("/health/ready", null);

    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getString("redis"));
  }
}
