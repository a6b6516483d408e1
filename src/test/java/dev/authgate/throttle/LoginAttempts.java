package dev.authgate.throttle;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends logins to a test gateway as if from given client addresses. The gateway trusts X-Forwarded-For from
 * 127.0.0.1, so the header picks the client IP, while every request still goes to the gateway on loopback.
 * The addresses are from documentation ranges and are never contacted.
 */
final class LoginAttempts {

  static final String WRONG_PASSWORD = "not-the-password-3k9";

  /**
   * Small limits so that each test needs only a few requests, and test-cost Argon2id (the cost TestUsers
   * hashes with) so that test users need no hash upgrade.
   */
  static Map<String, String> smallLimits() {
    Map<String, String> env = new HashMap<>();
    env.put("AUTHGATE_HTTP_TRUSTED_PROXIES", "[\"127.0.0.1\"]");
    env.put("AUTHGATE_THROTTLE_WINDOW_SECONDS", "3600");
    env.put("AUTHGATE_THROTTLE_BASE_DELAY_SECONDS", "1");
    env.put("AUTHGATE_THROTTLE_IP_FREE_FAILURES", "6");
    env.put("AUTHGATE_THROTTLE_IP_MAX_DELAY_SECONDS", "60");
    env.put("AUTHGATE_THROTTLE_ACCOUNT_IP_FREE_FAILURES", "3");
    env.put("AUTHGATE_THROTTLE_ACCOUNT_IP_MAX_DELAY_SECONDS", "60");
    env.put("AUTHGATE_THROTTLE_ACCOUNT_FREE_FAILURES", "8");
    env.put("AUTHGATE_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS", "4");
    env.put("AUTHGATE_PASSWORD_ARGON2_MEMORY_KIB", Integer.toString(TestUsers.FAST.memoryKib()));
    env.put("AUTHGATE_PASSWORD_ARGON2_ITERATIONS", Integer.toString(TestUsers.FAST.iterations()));
    env.put("AUTHGATE_PASSWORD_ARGON2_PARALLELISM", Integer.toString(TestUsers.FAST.parallelism()));
    return env;
  }

  private final TestGateway gateway;

  LoginAttempts(TestGateway gateway) {
    this.gateway = gateway;
  }

  /** Deletes every key and writes the test users again, so each test starts with empty budgets. */
  static void resetRedis(RedisServerExtension redis, TestGateway gateway) {
    try {
      redis.flushAll();
    } catch (IOException e) {
      throw new UncheckedIOException("FLUSHALL on the test Redis failed", e);
    }
    TestGateway.await(TestGateway.writeUsers(gateway.vertx(), gateway.config(), TestUsers.all()));
  }

  HttpResponse<Buffer> login(String user, String password, String clientIp) {
    return login(user, password, clientIp, null);
  }

  HttpResponse<Buffer> login(String user, String password, String clientIp, String deviceId) {
    return TestGateway.await(send(user, password, clientIp, deviceId));
  }

  /** Starts a login without waiting, for bursts of parallel requests. */
  Future<HttpResponse<Buffer>> send(String user, String password, String clientIp, String deviceId) {
    JsonObject body = new JsonObject().put("username", user).put("password", password);
    if (deviceId != null) {
      body.put("device_id", deviceId);
    }
    HttpRequest<Buffer> request = gateway.client().post("/auth/login").putHeader("Content-Type", "application/json");
    if (clientIp != null) {
      request.putHeader("X-Forwarded-For", clientIp);
    }
    return request.sendBuffer(body.toBuffer());
  }

  /** Sends {@code count} wrong passwords for {@code user} from {@code clientIp} and checks each got 401. */
  void fail(String user, String clientIp, int count) {
    for (int i = 0; i < count; i++) {
      HttpResponse<Buffer> response = login(user, WRONG_PASSWORD, clientIp);
      if (response.statusCode() != 401) {
        throw new AssertionError("Failed login " + (i + 1) + " of " + count + " for " + user + " from " + clientIp
            + " got " + response.statusCode() + ": " + response.bodyAsString());
      }
    }
  }

  /** Returns the value of one sample line of the gateway's Prometheus output, or 0 when it is absent. */
  double metric(String sampleName) {
    String text = TestGateway.await(gateway.client().get("/metrics").send()).bodyAsString();
    for (String line : text.split("\n")) {
      if (line.startsWith(sampleName + " ")) {
        return Double.parseDouble(line.substring(sampleName.length() + 1).trim());
      }
    }
    return 0;
  }
}
