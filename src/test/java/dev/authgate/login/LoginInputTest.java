package dev.authgate.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /auth/login} as a client sees it when the request is wrong: every bad input gets the documented
 * problem+json response, and failed logins reveal nothing about which accounts exist or what state they are in.
 */
class LoginInputTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String LOGIN = "/auth/login";
  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";
  /** The default of password.max-bytes. */
  private static final int MAX_PASSWORD_BYTES = 1024;

  /**
   * The first Redis call in a fresh JVM (connecting and loading classes) can take longer than TestGateway's
   * 500 ms Redis timeout on a loaded machine. No test here is about timeouts, so a longer one avoids false failures.
   */
  private static final Map<String, String> RELAXED_REDIS_TIMEOUT = Map.of("AUTHGATE_REDIS_TIMEOUT_MS", "5000");

  static TestGateway gateway;

  @BeforeAll
  static void startGateway() {
    gateway = TestGateway.start(REDIS.uri(), RELAXED_REDIS_TIMEOUT);
  }

  @AfterAll
  static void stopGateway() {
    if (gateway == null) {
      return;
    }
    try {
      gateway.assertNoBlockedThreads();
    } finally {
      gateway.close();
    }
  }

  // Body shape

  @Test
  void malformedJsonIsRejected() {
    var response = post(JSON, "{\"username\": \"alice\", \"password\": ");

    assertProblem(response, 400, "malformed-body");
    assertNoField(response);
  }

  @Test
  void jsonArrayBodyIsRejected() {
    var response = post(JSON, new JsonArray().add("alice").add(TestUsers.ALICE_PASSWORD).encode());

    assertProblem(response, 400, "malformed-body");
    assertNoField(response);
  }

  @Test
  void jsonStringBodyIsRejected() {
    var response = post(JSON, "\"alice\"");

    assertProblem(response, 400, "malformed-body");
    assertNoField(response);
  }

  @Test
  void emptyBodyIsRejected() {
    var response = post(JSON, "");

    assertProblem(response, 400, "malformed-body");
    assertNoField(response);
  }

  // Fields

  @Test
  void missingUsernameIsRejected() {
    var response = postJson(new JsonObject().put("password", TestUsers.ALICE_PASSWORD));

    assertFieldProblem(response, "username");
  }

  @Test
  void missingPasswordIsRejected() {
    var response = postJson(new JsonObject().put("username", TestUsers.ALICE));

    assertFieldProblem(response, "password");
  }

  @Test
  void nullUsernameIsRejected() {
    var response = postJson(new JsonObject().putNull("username").put("password", TestUsers.ALICE_PASSWORD));

    assertFieldProblem(response, "username");
  }

  @Test
  void emptyUsernameIsRejected() {
    var response = postJson(credentials("", TestUsers.ALICE_PASSWORD));

    assertFieldProblem(response, "username");
  }

  @Test
  void emptyPasswordIsRejected() {
    var response = postJson(credentials(TestUsers.ALICE, ""));

    assertFieldProblem(response, "password");
  }

  @Test
  void blankUsernameIsRejected() {
    var response = postJson(credentials(" \t ", TestUsers.ALICE_PASSWORD));

    assertFieldProblem(response, "username");
  }

  @Test
  void overlongUsernameIsRejected() {
    var response = postJson(credentials("a".repeat(LoginRequest.MAX_NAME_CHARS + 1), TestUsers.ALICE_PASSWORD));

    assertFieldProblem(response, "username");
  }

  static Stream<Arguments> wronglyTypedValues() {
    return Stream.of(
        Arguments.of("number", 42),
        Arguments.of("boolean", true),
        Arguments.of("array", new JsonArray().add("alice")),
        Arguments.of("object", new JsonObject().put("name", "alice")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wronglyTypedValues")
  void wronglyTypedUsernameIsRejected(String kind, Object value) {
    var response = postJson(new JsonObject().put("username", value).put("password", TestUsers.ALICE_PASSWORD));

    assertFieldProblem(response, "username");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wronglyTypedValues")
  void wronglyTypedPasswordIsRejected(String kind, Object value) {
    var response = postJson(new JsonObject().put("username", TestUsers.ALICE).put("password", value));

    assertFieldProblem(response, "password");
  }

  // Transport

  @Test
  void missingContentTypeGets415() {
    var response = post(null, credentials(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).encode());

    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void formContentTypeGets415() {
    var response = post("application/x-www-form-urlencoded", "username=alice&password=wonderland-42");

    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void textContentTypeGets415() {
    var response = post("text/plain", credentials(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).encode());

    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void bodyOver16KibGets413() {
    int limit = gateway.config().http().maxBodyBytes();
    JsonObject body = credentials(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).put("padding", "x".repeat(limit));

    var response = postJson(body);

    assertProblem(response, 413, "payload-too-large");
  }

  @Test
  void unknownPathGets404() {
    var response = TestGateway.await(gateway.client().post("/auth/signin")
        .putHeader("Content-Type", JSON)
        .sendBuffer(credentials(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).toBuffer()));

    assertProblem(response, 404, "not-found");
  }

  @Test
  void getOnLoginGets405() {
    var response = TestGateway.await(gateway.client().get(LOGIN).send());

    assertProblem(response, 405, "method-not-allowed");
  }

  // Credentials

  @Test
  void unknownUserMatchesWrongPassword() {
    var unknown = postJson(credentials("mallory", TestUsers.ALICE_PASSWORD));
    var wrongPassword = postJson(credentials(TestUsers.ALICE, "not-" + TestUsers.ALICE_PASSWORD));

    assertProblem(unknown, 401, "invalid-credentials");
    assertProblem(wrongPassword, 401, "invalid-credentials");
    assertArrayEquals(wrongPassword.body().getBytes(), unknown.body().getBytes(),
        "unknown user and wrong password must get byte-identical bodies");
  }

  @Test
  void lockedUserWrongPasswordGets401() {
    var response = postJson(credentials(TestUsers.DAVE_LOCKED, "not-" + TestUsers.DAVE_PASSWORD));

    assertProblem(response, 401, "invalid-credentials");
  }

  @Test
  void lockedUserRightPasswordGets403() {
    var response = postJson(credentials(TestUsers.DAVE_LOCKED, TestUsers.DAVE_PASSWORD));

    assertProblem(response, 403, "account-locked");
  }

  @Test
  void upperCaseEmailLogsIn() {
    var response = postJson(credentials("ALICE@EXAMPLE.COM", TestUsers.ALICE_PASSWORD));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertNotNull(response.bodyAsJsonObject().getString("access_token"), response.bodyAsString());
  }

  @Test
  void fullWidthUsernameLogsIn() {
    // "ａｌｉｃｅ" in FULLWIDTH LATIN SMALL LETTERs, which NFKC maps to "alice".
    String fullWidth = "\uFF41\uFF4C\uFF49\uFF43\uFF45";

    var response = postJson(credentials(fullWidth, TestUsers.ALICE_PASSWORD));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertNotNull(response.bodyAsJsonObject().getString("access_token"), response.bodyAsString());
  }

  // Password size

  @Test
  void oversizePasswordIsRejectedUnhashed() {
    String password = "p".repeat(MAX_PASSWORD_BYTES + 1);
    gateway.logs().clear();

    var response = postJson(credentials(TestUsers.ALICE, password));

    assertFieldProblem(response, "password");
    // A verified wrong password logs "Login failed" before the response is sent, so its absence means no hashing.
    assertEquals(List.of(), gateway.logs().linesContaining("Login failed"));
    assertEquals(List.of(), gateway.logs().linesContaining(password));
  }

  @Test
  void passwordLimitCountsUtf8Bytes() {
    // 342 euro signs are 342 characters but 1,026 UTF-8 bytes.
    String password = "\u20AC".repeat(342);
    assertEquals(MAX_PASSWORD_BYTES + 2, password.getBytes(StandardCharsets.UTF_8).length);

    var response = postJson(credentials(TestUsers.ALICE, password));

    assertFieldProblem(response, "password");
  }

  @Test
  void passwordAtByteLimitIsVerified() {
    var response = postJson(credentials(TestUsers.ALICE, "p".repeat(MAX_PASSWORD_BYTES)));

    assertProblem(response, 401, "invalid-credentials");
  }

  // Helpers

  private static JsonObject credentials(String username, String password) {
    return new JsonObject().put("username", username).put("password", password);
  }

  private static HttpResponse<Buffer> postJson(JsonObject body) {
    return post(JSON, body.encode());
  }

  /** Posts {@code body} to the login endpoint with the given Content-Type, or with none when it is null. */
  private static HttpResponse<Buffer> post(String contentType, String body) {
    HttpRequest<Buffer> request = gateway.client().post(LOGIN);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return TestGateway.await(request.sendBuffer(Buffer.buffer(body, StandardCharsets.UTF_8.name())));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String problemName) {
    String body = response.bodyAsString();
    assertEquals(status, response.statusCode(), body);
    assertEquals(PROBLEM_JSON, response.getHeader("Content-Type"), body);
    assertEquals("urn:authgate:problem:" + problemName, response.bodyAsJsonObject().getString("type"), body);
    assertEquals(status, response.bodyAsJsonObject().getInteger("status"), body);
  }

  private static void assertFieldProblem(HttpResponse<Buffer> response, String field) {
    assertProblem(response, 400, "invalid-request");
    assertEquals(field, response.bodyAsJsonObject().getString("field"), response.bodyAsString());
  }

  private static void assertNoField(HttpResponse<Buffer> response) {
    assertFalse(response.bodyAsJsonObject().containsKey("field"), response.bodyAsString());
  }
}
