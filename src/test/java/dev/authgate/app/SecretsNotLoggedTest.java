package dev.authgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Runs every endpoint that handles a secret, on success and failure paths, with authgate's loggers at TRACE
 * and all others at DEBUG. Then checks that no captured log line contains a password, a token, a refresh
 * token's secret or a password hash. Lines logged while the gateway starts are not checked, because
 * {@link TestGateway} clears the capture once the gateway is up.
 */
class SecretsNotLoggedTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String WRONG_PASSWORD = "not-alices-password-9f3k";
  private static final String UNKNOWN_USER_PASSWORD = "nobody-password-7q2m";

  static TestGateway gateway;
  static Level authgateLevelBefore;
  static Level rootLevelBefore;

  static JsonObject firstPair;
  static JsonObject rotatedPair;
  static JsonObject secondSessionPair;
  static JsonObject secondSessionRotatedPair;
  static List<JsonObject> allPairs;
  static String tamperedAccessToken;

  @BeforeAll
  static void runEveryEndpoint() {
    gateway = TestGateway.start(REDIS.uri());
    enableDebugLogging();

    firstPair = expect(200, "login", login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)).bodyAsJsonObject();
    expect(401, "login with wrong password", login(TestUsers.ALICE, WRONG_PASSWORD));
    expect(401, "login of unknown user", login("nobody", UNKNOWN_USER_PASSWORD));
    expect(200, "GET /me", gateway.getWithToken("/me", accessToken(firstPair)));

    rotatedPair = expect(200, "refresh", refresh(refreshToken(firstPair))).bodyAsJsonObject();
    expect(200, "refresh retry inside the grace window", refresh(refreshToken(firstPair)));
    tamperedAccessToken = accessToken(rotatedPair) + "x";
    expect(401, "GET /me with tampered token", gateway.getWithToken("/me", tamperedAccessToken));

    expect(204, "logout", logout(accessToken(rotatedPair), refreshToken(rotatedPair)));
    expect(401, "GET /me after logout", gateway.getWithToken("/me", accessToken(rotatedPair)));
    expect(401, "refresh after logout", refresh(refreshToken(rotatedPair)));

    secondSessionPair = expect(200, "second login", login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD)).bodyAsJsonObject();
    secondSessionRotatedPair = expect(200, "refresh of second session", refresh(refreshToken(secondSessionPair)))
        .bodyAsJsonObject();
    gateway.clock().advance(Duration.ofSeconds(gateway.config().tokens().refreshGraceSeconds() + 1));
    expect(401, "refresh with rotated token after the grace window", refresh(refreshToken(secondSessionPair)));

    allPairs = List.of(firstPair, rotatedPair, secondSessionPair, secondSessionRotatedPair);
  }

  @AfterAll
  static void stopGateway() {
    restoreLogLevels();
    gateway.assertNoBlockedThreads();
    gateway.close();
  }

  @Test
  void flowWasLogged() {
    assertFalse(gateway.logs().linesContaining("Login failed").isEmpty(), "no failed login in the captured log");
    assertFalse(gateway.logs().linesContaining("Refresh rejected").isEmpty(), "no rejected refresh in the captured log");
    assertFalse(gateway.logs().linesContaining("reuse detected").isEmpty(), "no refresh token reuse in the captured log");
    assertFalse(gateway.logs().linesContaining("Rejected access token").isEmpty(), "no rejected token in the captured log");
  }

  @Test
  void passwordNotLogged() {
    assertEquals(List.of(), gateway.logs().linesContaining(TestUsers.ALICE_PASSWORD));
  }

  @Test
  void wrongPasswordNotLogged() {
    assertEquals(List.of(), gateway.logs().linesContaining(WRONG_PASSWORD));
  }

  @Test
  void unknownUserPasswordNotLogged() {
    assertEquals(List.of(), gateway.logs().linesContaining(UNKNOWN_USER_PASSWORD));
  }

  @Test
  void accessTokensNotLogged() {
    for (JsonObject pair : allPairs) {
      assertEquals(List.of(), gateway.logs().linesContaining(accessToken(pair)));
    }
  }

  @Test
  void accessTokenSignaturesNotLogged() {
    for (JsonObject pair : allPairs) {
      String signature = accessToken(pair).substring(accessToken(pair).lastIndexOf('.') + 1);
      assertEquals(List.of(), gateway.logs().linesContaining(signature));
    }
  }

  @Test
  void tamperedTokenNotLogged() {
    assertEquals(List.of(), gateway.logs().linesContaining(tamperedAccessToken));
  }

  @Test
  void refreshTokensNotLogged() {
    for (JsonObject pair : allPairs) {
      assertEquals(List.of(), gateway.logs().linesContaining(refreshToken(pair)));
    }
  }

  @Test
  void refreshSecretsNotLogged() {
    for (JsonObject pair : allPairs) {
      String secret = refreshToken(pair).substring(refreshToken(pair).indexOf('.') + 1);
      assertEquals(List.of(), gateway.logs().linesContaining(secret));
    }
  }

  @Test
  void passwordHashNotLogged() {
    assertEquals(List.of(), gateway.logs().linesContaining("$argon2id$"));
  }

  private static HttpResponse<Buffer> login(String username, String password) {
    return gateway.postJson("/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static HttpResponse<Buffer> logout(String accessToken, String refreshToken) {
    return TestGateway.await(gateway.client().post("/auth/logout")
        .putHeader("Authorization", "Bearer " + accessToken)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("refresh_token", refreshToken).toBuffer()));
  }

  private static String accessToken(JsonObject pair) {
    return pair.getString("access_token");
  }

  private static String refreshToken(JsonObject pair) {
    return pair.getString("refresh_token");
  }

  /** Fails the setup when a step did not take the intended path, since its log lines would then be missing. */
  private static HttpResponse<Buffer> expect(int status, String step, HttpResponse<Buffer> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(step + " returned " + response.statusCode() + ", expected " + status + ": " + response.bodyAsString());
    }
    return response;
  }

  /** Lowers the log levels so that a secret in a DEBUG or TRACE line is caught too. */
  private static void enableDebugLogging() {
    Logger authgate = (Logger) LoggerFactory.getLogger("dev.authgate");
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    authgateLevelBefore = authgate.getLevel();
    rootLevelBefore = root.getLevel();
    authgate.setLevel(Level.TRACE);
    root.setLevel(Level.DEBUG);
  }

  private static void restoreLogLevels() {
    if (rootLevelBefore == null) {
      return;
    }
    ((Logger) LoggerFactory.getLogger("dev.authgate")).setLevel(authgateLevelBefore);
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(rootLevelBefore);
  }
}
