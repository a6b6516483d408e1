package dev.authgate.throttle;

import static dev.authgate.throttle.LoginAttempts.WRONG_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login throttling over real HTTP and a real Redis, with the limits of {@link LoginAttempts#smallLimits()}:
 * 6 free failures per IP, 3 per account and IP (or known device), 8 per account with a 4 s maximum delay.
 * Time moves only through the gateway's MutableClock.
 */
class LoginThrottleTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String ATTACKER_IP = "203.0.113.66";
  private static final String HOME_IP = "198.51.100.10";
  private static final String CAFE_IP = "198.51.100.20";
  private static final String ALICE_PHONE = "alice-phone-7c1f0e5a9b";
  private static final String THROTTLED = "urn:authgate:problem:login-throttled";

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

  @BeforeEach
  void emptyBudgets() {
    LoginAttempts.resetRedis(REDIS, gateway);
  }

  @Test
  void accountIpDelaysAfterFreeFailures() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, ATTACKER_IP);

    assertThrottled(response, "1");
  }

  @Test
  void delayDoublesWithEachFailure() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);
    gateway.clock().advance(Duration.ofSeconds(1));
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 1);
    assertThrottled(attempts.login(TestUsers.ALICE, WRONG_PASSWORD, ATTACKER_IP), "2");

    gateway.clock().advance(Duration.ofSeconds(2));
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 1);

    assertThrottled(attempts.login(TestUsers.ALICE, WRONG_PASSWORD, ATTACKER_IP), "4");
  }

  @Test
  void correctPasswordAcceptedAfterRetryAfter() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);
    String retryAfter = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, ATTACKER_IP).getHeader("Retry-After");
    gateway.clock().advance(Duration.ofSeconds(Long.parseLong(retryAfter)));

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, ATTACKER_IP);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void attackerIpDoesNotBlockCustomerIp() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, HOME_IP);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void ipLimitCoversEveryAccount() {
    for (int i = 0; i < 6; i++) {
      attempts.fail("sprayed-" + i, ATTACKER_IP, 1);
    }

    HttpResponse<Buffer> fromAttacker = attempts.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD, ATTACKER_IP);
    HttpResponse<Buffer> fromHome = attempts.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD, HOME_IP);

    assertThrottled(fromAttacker, "1");
    assertEquals(200, fromHome.statusCode(), fromHome.bodyAsString());
  }

  @Test
  void ipv6ClientsShareBudgetPerSlash64() {
    for (int i = 1; i <= 6; i++) {
      attempts.fail("sprayed-" + i, "2001:db8:1:2::" + i, 1);
    }

    HttpResponse<Buffer> sameBlock = attempts.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD, "2001:db8:1:2:ffff::9");
    HttpResponse<Buffer> otherBlock = attempts.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD, "2001:db8:1:3::9");

    assertThrottled(sameBlock, "1");
    assertEquals(200, otherBlock.statusCode(), otherBlock.bodyAsString());
  }

  @Test
  void accountWideLimitOnlySlows() {
    spreadFailures(TestUsers.ALICE, 8);

    HttpResponse<Buffer> slowed = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP);
    gateway.clock().advance(Duration.ofSeconds(1));
    HttpResponse<Buffer> afterWait = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP);

    assertThrottled(slowed, "1");
    assertEquals(200, afterWait.statusCode(), afterWait.bodyAsString());
  }

  @Test
  void accountWideDelayCappedAtMax() {
    spreadFailures(TestUsers.ALICE, 8);
    for (int i = 0; i < 6; i++) {
      gateway.clock().advance(Duration.ofSeconds(10));
      attempts.fail(TestUsers.ALICE, "192.0.2." + (100 + i), 1);
    }

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP);

    assertThrottled(response, "4");
  }

  /** The key scenario: the customer's own phone logs in while an attacker hammers her account. */
  @Test
  void knownDeviceLogsInWhileAttackerHammersAccount() {
    assertEquals(200, attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, HOME_IP, ALICE_PHONE).statusCode());
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);
    spreadFailures(TestUsers.ALICE, 5);
    for (int i = 0; i < 5; i++) {
      assertThrottled(attempts.login(TestUsers.ALICE, WRONG_PASSWORD, ATTACKER_IP), "1");
    }

    HttpResponse<Buffer> newDevice = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP);
    HttpResponse<Buffer> phone = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP, ALICE_PHONE);

    assertThrottled(newDevice, "1");
    assertEquals(200, phone.statusCode(), phone.bodyAsString());
  }

  @Test
  void knownDeviceSkipsThrottledIp() {
    assertEquals(200, attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, HOME_IP, ALICE_PHONE).statusCode());
    for (int i = 0; i < 6; i++) {
      attempts.fail("sprayed-" + i, CAFE_IP, 1);
    }

    HttpResponse<Buffer> phone = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP, ALICE_PHONE);

    assertEquals(200, phone.statusCode(), phone.bodyAsString());
  }

  @Test
  void deviceIdUnknownUntilSuccessfulLogin() {
    assertEquals(401, attempts.login(TestUsers.ALICE, WRONG_PASSWORD, HOME_IP, ALICE_PHONE).statusCode());
    spreadFailures(TestUsers.ALICE, 7);

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, CAFE_IP, ALICE_PHONE);

    assertThrottled(response, "1");
  }

  @Test
  void knownDeviceKeepsOwnBudget() {
    assertEquals(200, attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, HOME_IP, ALICE_PHONE).statusCode());
    for (int i = 0; i < 3; i++) {
      assertEquals(401, attempts.login(TestUsers.ALICE, WRONG_PASSWORD, HOME_IP, ALICE_PHONE).statusCode());
    }

    HttpResponse<Buffer> response = attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, HOME_IP, ALICE_PHONE);

    assertThrottled(response, "1");
  }

  @Test
  void successResetsAccountIpCounter() {
    attempts.fail(TestUsers.ALICE, HOME_IP, 2);
    assertEquals(200, attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, HOME_IP).statusCode());
    attempts.fail(TestUsers.ALICE, HOME_IP, 2);

    HttpResponse<Buffer> third = attempts.login(TestUsers.ALICE, WRONG_PASSWORD, HOME_IP);

    assertEquals(401, third.statusCode(), third.bodyAsString());
  }

  @Test
  void usernameAndEmailShareBudget() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 2);
    attempts.fail("alice@example.com", ATTACKER_IP, 1);

    HttpResponse<Buffer> response = attempts.login("ALICE", TestUsers.ALICE_PASSWORD, ATTACKER_IP);

    assertThrottled(response, "1");
  }

  @Test
  void unknownNameThrottledLikeAccount() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);
    attempts.fail("nobody-here", HOME_IP, 3);

    HttpResponse<Buffer> known = attempts.login(TestUsers.ALICE, WRONG_PASSWORD, ATTACKER_IP);
    HttpResponse<Buffer> unknown = attempts.login("nobody-here", WRONG_PASSWORD, HOME_IP);

    assertEquals(known.statusCode(), unknown.statusCode());
    assertEquals(known.getHeader("Retry-After"), unknown.getHeader("Retry-After"));
    assertEquals(known.bodyAsString(), unknown.bodyAsString());
  }

  @Test
  void lockedAccountWithRightPasswordNotCounted() {
    for (int i = 0; i < 4; i++) {
      HttpResponse<Buffer> response = attempts.login(TestUsers.DAVE_LOCKED, TestUsers.DAVE_PASSWORD, HOME_IP);
      assertEquals(403, response.statusCode(), "attempt " + (i + 1) + ": " + response.bodyAsString());
    }
  }

  @Test
  void parallelAttemptsDuringDelayAdmitOne() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);
    gateway.clock().advance(Duration.ofSeconds(1));

    List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(attempts.send(TestUsers.ALICE, WRONG_PASSWORD, ATTACKER_IP, null));
    }
    TestGateway.await(Future.join(burst));

    assertEquals(1, burst.stream().filter(f -> f.result().statusCode() == 401).count());
    assertEquals(3, burst.stream().filter(f -> f.result().statusCode() == 429).count());
  }

  @Test
  void throttledAttemptSkipsHashing() {
    attempts.fail(TestUsers.ALICE, ATTACKER_IP, 3);
    double verificationsBefore = attempts.metric("authgate_password_verify_seconds_count");
    double throttledBefore = attempts.metric("authgate_logins_total{outcome=\"throttled\"}");

    assertThrottled(attempts.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD, ATTACKER_IP), "1");

    assertEquals(verificationsBefore, attempts.metric("authgate_password_verify_seconds_count"));
    assertEquals(throttledBefore + 1, attempts.metric("authgate_logins_total{outcome=\"throttled\"}"));
  }

  /** Sends one wrong password each from {@code count} different addresses, so only the account-wide budget fills. */
  private static void spreadFailures(String user, int count) {
    for (int i = 0; i < count; i++) {
      attempts.fail(user, "192.0.2." + (i + 1), 1);
    }
  }

  private static void assertThrottled(HttpResponse<Buffer> response, String retryAfter) {
    assertEquals(429, response.statusCode(), response.bodyAsString());
    assertEquals(retryAfter, response.getHeader("Retry-After"));
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals(THROTTLED, response.bodyAsJsonObject().getString("type"));
  }
}
