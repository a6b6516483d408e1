package dev.authgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /auth/logout}: the session of the bearer token ends at once, a refresh token in the body ends
 * that other session only when it belongs to the same user, and other sessions keep working.
 */
class LogoutTest {

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
  void logoutReturnsNoContent() {
    JsonObject session = loginAlice();

    HttpResponse<Buffer> response = logout(session.getString("access_token"), null);

    assertEquals(204, response.statusCode(), response.bodyAsString());
  }

  @Test
  void accessTokenRejectedAfterLogout() {
    JsonObject session = loginAlice();
    assertEquals(204, logout(session.getString("access_token"), null).statusCode());

    HttpResponse<Buffer> me = gateway.getWithToken("/me", session.getString("access_token"));

    assertInvalidToken(me);
  }

  @Test
  void refreshTokenRejectedAfterLogout() {
    JsonObject session = loginAlice();
    assertEquals(204, logout(session.getString("access_token"), null).statusCode());

    HttpResponse<Buffer> refresh = refresh(session.getString("refresh_token"));

    assertEquals(401, refresh.statusCode(), refresh.bodyAsString());
    assertEquals("urn:authgate:problem:invalid-refresh-token", refresh.bodyAsJsonObject().getString("type"));
  }

  @Test
  void namedOtherSessionEndsToo() {
    JsonObject first = loginAlice();
    JsonObject second = loginAlice();

    HttpResponse<Buffer> response = logout(first.getString("access_token"), second.getString("refresh_token"));

    assertEquals(204, response.statusCode(), response.bodyAsString());
    assertInvalidToken(gateway.getWithToken("/me", second.getString("access_token")));
    assertEquals(401, refresh(second.getString("refresh_token")).statusCode());
  }

  @Test
  void otherUsersSessionSurvives() {
    JsonObject alice = loginAlice();
    JsonObject carol = gateway.login(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);

    HttpResponse<Buffer> response = logout(alice.getString("access_token"), carol.getString("refresh_token"));

    assertEquals(204, response.statusCode(), response.bodyAsString());
    assertEquals(200, gateway.getWithToken("/me", carol.getString("access_token")).statusCode());
    assertEquals(200, refresh(carol.getString("refresh_token")).statusCode());
  }

  @Test
  void secondSessionUnaffected() {
    JsonObject first = loginAlice();
    JsonObject second = loginAlice();

    assertEquals(204, logout(first.getString("access_token"), null).statusCode());

    HttpResponse<Buffer> me = gateway.getWithToken("/me", second.getString("access_token"));
    assertEquals(200, me.statusCode(), me.bodyAsString());
    HttpResponse<Buffer> refresh = refresh(second.getString("refresh_token"));
    assertEquals(200, refresh.statusCode(), refresh.bodyAsString());
  }

  @Test
  void logoutWithoutTokenIsRejected() {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().post("/auth/logout").send());

    assertInvalidToken(response);
  }

  @Test
  void refreshTokenAloneIsRejected() {
    JsonObject session = loginAlice();

    HttpResponse<Buffer> response = logout(null, session.getString("refresh_token"));

    assertInvalidToken(response);
    assertEquals(200, gateway.getWithToken("/me", session.getString("access_token")).statusCode());
  }

  @Test
  void secondLogoutIsRejected() {
    JsonObject session = loginAlice();
    assertEquals(204, logout(session.getString("access_token"), null).statusCode());

    assertInvalidToken(logout(session.getString("access_token"), null));
  }

  private static JsonObject loginAlice() {
    return gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
  }

  /** Sends a logout with the bearer token and, when not null, a refresh token in the body. */
  private static HttpResponse<Buffer> logout(String accessToken, String refreshToken) {
    var request = gateway.client().post("/auth/logout");
    if (accessToken != null) {
      request.putHeader("Authorization", "Bearer " + accessToken);
    }
    if (refreshToken == null) {
      return TestGateway.await(request.send());
    }
    request.putHeader("Content-Type", "application/json");
    return TestGateway.await(request.sendBuffer(new JsonObject().put("refresh_token", refreshToken).toBuffer()));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static void assertInvalidToken(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
    assertEquals("urn:authgate:problem:invalid-token", response.bodyAsJsonObject().getString("type"));
  }
}
