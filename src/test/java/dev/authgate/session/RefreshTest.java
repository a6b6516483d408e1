package dev.authgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authgate.http.ProblemHandler;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /auth/refresh}: rotation, single use of each refresh token, and what a new access token carries. */
class RefreshTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  private static final String INVALID_REFRESH_TOKEN = "urn:authgate:problem:invalid-refresh-token";
  private static final int CONCURRENT_REFRESHES = 10;

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
  void rotationReturnsNewPair() {
    JsonObject first = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);

    HttpResponse<Buffer> response = refresh(first.getString("refresh_token"));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject second = response.bodyAsJsonObject();
    assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
    assertNotEquals(first.getString("access_token"), second.getString("access_token"));
    assertEquals("no-store", response.getHeader("Cache-Control"));
  }

  @Test
  void rotationKeepsSessionId() {
    String before = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");

    String after = refreshOk(before).getString("refresh_token");

    assertEquals(sessionIdOf(before), sessionIdOf(after));
  }

  @Test
  void rotatedTokenIsRejectedAfterGrace() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    refreshOk(old);
    gateway.clock().advance(Duration.ofSeconds(gateway.config().tokens().refreshGraceSeconds() + 1));

    assertInvalidRefreshToken(refresh(old));
  }

  @Test
  void newTokenWorksAfterRotation() {
    String old = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    String next = refreshOk(old).getString("refresh_token");

    HttpResponse<Buffer> response = refresh(next);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void unknownTokenIsRejected() {
    RefreshToken unknown = RefreshToken.issue(RefreshToken.newSessionId());

    assertInvalidRefreshToken(refresh(unknown.value()));
  }

  @Test
  void wrongSecretIsRejected() {
    String real = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    RefreshToken guessed = RefreshToken.issue(sessionIdOf(real));

    assertInvalidRefreshToken(refresh(guessed.value()));
  }

  @Test
  void wrongSecretKeepsSession() {
    String real = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    assertInvalidRefreshToken(refresh(RefreshToken.issue(sessionIdOf(real)).value()));

    HttpResponse<Buffer> response = refresh(real);

    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void malformedTokenIsRejected() {
    assertInvalidRefreshToken(refresh("not-a-refresh-token"));
  }

  @Test
  void refreshAfterLogoutIsRejected() {
    JsonObject tokens = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD);
    HttpResponse<Buffer> logout = TestGateway.await(gateway.client().post("/auth/logout")
        .putHeader("Authorization", "Bearer " + tokens.getString("access_token"))
        .send());
    assertEquals(204, logout.statusCode(), logout.bodyAsString());

    assertInvalidRefreshToken(refresh(tokens.getString("refresh_token")));
  }

  @Test
  void concurrentRefreshesYieldOnePair() {
    String shared = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    // One connection per request, so all of them are in flight at once instead of queueing for the default pool.
    WebClient client = WebClient.create(gateway.vertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gateway.port()),
        new PoolOptions().setHttp1MaxSize(CONCURRENT_REFRESHES));
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    try {
      for (int i = 0; i < CONCURRENT_REFRESHES; i++) {
        requests.add(client.post("/auth/refresh")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(new JsonObject().put("refresh_token", shared).toBuffer()));
      }
      TestGateway.await(Future.join(requests));
    } finally {
      client.close();
    }

    // Inside the grace window every caller gets the pair of the one rotation that happened.
    List<Integer> statuses = requests.stream().map(request -> request.result().statusCode()).toList();
    assertEquals(CONCURRENT_REFRESHES, statuses.stream().filter(status -> status == 200).count(), "statuses: " + statuses);
    List<String> refreshTokens = requests.stream().map(Future::result)
        .map(response -> response.bodyAsJsonObject().getString("refresh_token"))
        .distinct()
        .toList();
    assertEquals(1, refreshTokens.size(), "distinct refresh tokens: " + refreshTokens.size());
    List<String> accessTokens = requests.stream().map(Future::result)
        .map(response -> response.bodyAsJsonObject().getString("access_token"))
        .distinct()
        .toList();
    assertEquals(1, accessTokens.size(), "distinct access tokens: " + accessTokens.size());
  }

  @Test
  void refreshedTokenKeepsRoles() throws Exception {
    String refreshToken = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");

    JWTClaimsSet claims = SignedJWT.parse(refreshOk(refreshToken).getString("access_token")).getJWTClaimsSet();

    assertEquals(List.of("customer"), claims.getStringListClaim("roles"));
  }

  @Test
  void refreshedTokenKeepsPermissions() throws Exception {
    String refreshToken = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");

    JWTClaimsSet claims = SignedJWT.parse(refreshOk(refreshToken).getString("access_token")).getJWTClaimsSet();

    assertEquals(List.of("accounts:read", "payments:create", "profile:read"), claims.getStringListClaim("permissions"));
  }

  @Test
  void refreshedTokenOpensProfile() {
    String refreshToken = gateway.login(TestUsers.ALICE, TestUsers.ALICE_PASSWORD).getString("refresh_token");
    String access = refreshOk(refreshToken).getString("access_token");

    HttpResponse<Buffer> me = gateway.getWithToken("/me", access);

    assertEquals(200, me.statusCode(), me.bodyAsString());
    assertEquals("u-alice", me.bodyAsJsonObject().getString("id"));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  private static JsonObject refreshOk(String refreshToken) {
    HttpResponse<Buffer> response = refresh(refreshToken);
    if (response.statusCode() != 200) {
      throw new AssertionError("Refresh failed with " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private static String sessionIdOf(String refreshToken) {
    return refreshToken.substring(0, refreshToken.indexOf('.'));
  }

  private static void assertInvalidRefreshToken(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals(ProblemHandler.CONTENT_TYPE, response.getHeader("Content-Type"));
    assertEquals(INVALID_REFRESH_TOKEN, response.bodyAsJsonObject().getString("type"));
  }
}
