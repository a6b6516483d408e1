package dev.authgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoginFlowTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri());
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void loginProfileRefreshLogout() {
    JsonObject tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    assertEquals("Bearer", tokens.getString("token_type"));
    String access = tokens.getString("access_token");

    var me = gateway.getWithToken("/me", access);
    assertEquals(200, me.statusCode(), me.bodyAsString());
    assertEquals("u-alice", me.bodyAsJsonObject().getString("id"));

    var refreshed = gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", tokens.getString("refresh_token")));
    assertEquals(200, refreshed.statusCode(), refreshed.bodyAsString());
    String newAccess = refreshed.bodyAsJsonObject().getString("access_token");
    assertNotNull(newAccess);

    var logout = TestGateway.await(gateway.client().post("/auth/logout").putHeader("Authorization", "Bearer " + newAccess).send());
    assertEquals(204, logout.statusCode(), logout.bodyAsString());
    assertEquals(401, gateway.getWithToken("/me", newAccess).statusCode());
  }
}
