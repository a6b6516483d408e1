package dev.authgate.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.authgate.config.GatewayConfig;
import dev.authgate.redis.RedisStore;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When Redis cannot respond to a throttle check, logins are refused with 503 before any password is hashed. One
 * test kills the test Redis; the other breaks only the throttle's key (a string where a sorted set belongs),
 * so the credential lookup still works and the refusal can only come from the throttle.
 */
class ThrottleFailClosedTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String CLIENT_IP = "198.51.100.30";

  static TestGateway gateway;
  static LoginAttempts attempts;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), LoginAttempts.smallLimits());
    attempts = new LoginAttempts(gateway);
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  /** Writes the test users again, because the extension restarts a killed Redis empty. */
  @BeforeEach
  void writeUsers() {
    LoginAttempts.resetRedis(REDIS, gateway);
    gateway.logs().clear();
  }

  @Test
  void redisDownRefusesLoginWith503() {
    double verificationsBefore = attempts.metric("authgate_password_verify_seconds_count");
    REDIS.server().kill();

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CLIENT_IP);

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("urn:authgate:problem:store-unavailable", response.bodyAsJsonObject().getString("type"));
    assertEquals(gateway.config().redis().retryAfterSeconds(), Integer.parseInt(response.getHeader("Retry-After")));
    assertEquals(verificationsBefore, attempts.metric("authgate_password_verify_seconds_count"));
  }

  @Test
  void failedThrottleCheckRefusesLoginWith503() {
    double verificationsBefore = attempts.metric("authgate_password_verify_seconds_count");
    breakKey(ThrottleKeys.accountIp("u:u-alice", CLIENT_IP));

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CLIENT_IP);

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("urn:authgate:problem:store-unavailable", response.bodyAsJsonObject().getString("type"));
    assertEquals(verificationsBefore, attempts.metric("authgate_password_verify_seconds_count"));
  }

  @Test
  void failedThrottleCheckLogged() {
    breakKey(ThrottleKeys.accountIp("u:u-alice", CLIENT_IP));

    attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CLIENT_IP);

    assertFalse(gateway.logs().linesContaining("Login throttle check failed").isEmpty(), String.join("\n", gateway.logs().lines()));
  }

  @Test
  void unaffectedAccountStillLogsIn() {
    breakKey(ThrottleKeys.accountIp("u:u-alice", CLIENT_IP));

    HttpResponse<Buffer> response = attempts.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD, CLIENT_IP);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  private static void breakKey(String key) {
    GatewayConfig.Redis settings = gateway.config().redis();
    RedisStore redis = RedisStore.create(gateway.vertx(), settings, null);
    try {
      TestGateway.await(redis.send(Command.SET, key, "not-a-sorted-set"));
    } finally {
      redis.close();
    }
  }
}
