package dev.authgate.throttle;

import static dev.authgate.throttle.LoginAttempts.WRONG_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With no trusted proxies configured, X-Forwarded-For is ignored: a client that sends a new made-up address
 * with each attempt is still counted under its real socket address (127.0.0.1 here).
 */
class UntrustedForwardedForTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static LoginAttempts attempts;

  @BeforeAll
  static void startGateway() {
    Map<String, String> env = new HashMap<>(LoginAttempts.smallLimits());
    env.put("AUTHGATE_HTTP_TRUSTED_PROXIES", "[]");
    gateway = TestGateway.start(REDIS.uri(), env);
    attempts = new LoginAttempts(gateway);
  }

  @AfterAll
  static void stopGateway() {
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void forgedForwardedForDoesNotEscapeThrottle() {
    for (int i = 1; i <= 3; i++) {
      assertEquals(401, attempts.login(TestUsers.ALICE, WRONG_PASSWORD, "192.0.2." + i).statusCode());
    }

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, "192.0.2.4");

    assertEquals(429, response.statusCode(), response.bodyAsString());
  }
}
