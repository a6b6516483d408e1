package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real NGINX, configured from {@code docs/gateways/nginx.conf}, in front of a small upstream that echoes the
 * headers it received, with {@code auth_request} asking the in-process authgate (development rules: GET
 * /accounts/** needs accounts:read, POST /payments/** needs payments:create). Every request goes through
 * NGINX on 127.0.0.1. Skipped when {@code nginx} is not on the PATH; {@code .ci/run} installs it.
 */
@EnabledIf(value = "dev.authgate.testing.Tools#nginxOnPath",
    disabledReason = "nginx is not on the PATH; install it (Debian: apt-get install nginx) to run the NGINX end-to-end test")
class NginxEndToEndTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  static TestGateway gateway;
  static HttpServer upstream;
  static NginxProcess nginx;
  static WebClient client;
  static final AtomicInteger upstreamRequests = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> binary = NginxProcess.binary();
    Assumptions.assumeTrue(binary.isPresent(),
        "nginx is not on the PATH; install it (Debian: apt-get install nginx) to run the NGINX end-to-end test");

    gateway = TestGateway.start(REDIS.uri());
    upstream = TestGateway.await(gateway.vertx().createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .requestHandler(request -> {
          upstreamRequests.incrementAndGet();
          JsonObject echo = new JsonObject().put("method", request.method().name()).put("uri", request.uri());
          request.headers().forEach(header -> echo.put(header.getKey().toLowerCase(),
              echo.getJsonArray(header.getKey().toLowerCase(), new JsonArray()).add(header.getValue())));
          request.response().putHeader("Content-Type", "application/json").end(echo.encode());
        })
        .listen(0));
    nginx = NginxProcess.start(binary.get(), gateway.port(), upstream.actualPort());
    client = WebClient.create(gateway.vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(nginx.port()).setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway == null) {
      return;
    }
    try {
      gateway.assertNoBlockedThreads();
    } finally {
      if (nginx != null) {
        nginx.close();
      }
      client.close();
      TestGateway.await(upstream.close());
      gateway.close();
    }
  }

  @Test
  void allowedRequestReachesUpstreamWithIdentity() {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/accounts/1", token(TestUsers.ALICE, TestUsers.ALICE_PASSWORD));

    assertEquals(200, response.statusCode(), nginx.errorLog());
    JsonObject seen = response.bodyAsJsonObject();
    assertEquals(new JsonArray().add("u-alice"), seen.getJsonArray("x-auth-subject"));
    assertEquals(new JsonArray().add("customer"), seen.getJsonArray("x-auth-roles"));
    assertEquals(new JsonArray().add("accounts:read,payments:create,profile:read"), seen.getJsonArray("x-auth-permissions"));
    assertEquals(new JsonArray().add("false"), seen.getJsonArray("x-auth-permissions-omitted"));
    assertNotNull(seen.getJsonArray("x-auth-session"));
  }

  @Test
  void clientSubjectHeaderIsReplaced() {
    HttpRequest<Buffer> request = client.request(HttpMethod.GET, "/accounts/1")
        .putHeader("Authorization", "Bearer " + token(TestUsers.CAROL, TestUsers.CAROL_PASSWORD))
        .putHeader("X-Auth-Subject", "u-admin")
        .putHeader("X-Auth-Permissions", "payments:create");

    JsonObject seen = TestGateway.await(request.send()).bodyAsJsonObject();

    assertEquals(new JsonArray().add("u-carol"), seen.getJsonArray("x-auth-subject"));
    assertEquals(new JsonArray().add("accounts:read"), seen.getJsonArray("x-auth-permissions"));
  }

  @Test
  void viewerReadsAccounts() {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/accounts/1", token(TestUsers.CAROL, TestUsers.CAROL_PASSWORD));

    assertEquals(200, response.statusCode(), nginx.errorLog());
  }

  @Test
  void viewerCannotPay() {
    String carol = token(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    int before = upstreamRequests.get();

    HttpResponse<Buffer> response = send(HttpMethod.POST, "/payments/x", carol);

    assertEquals(403, response.statusCode(), nginx.errorLog());
    assertEquals(before, upstreamRequests.get(), "the upstream was reached");
  }

  @Test
  void anonymousGets401WithChallenge() {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/accounts/1", null);

    assertEquals(401, response.statusCode(), nginx.errorLog());
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
  }

  @Test
  void sessionRefusedAfterLogout() {
    JsonObject login = TestGateway.await(client.post("/auth/login").putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("username", TestUsers.CAROL).put("password", TestUsers.CAROL_PASSWORD)))
        .bodyAsJsonObject();
    String token = login.getString("access_token");
    assertEquals(200, send(HttpMethod.GET, "/accounts/1", token).statusCode(), nginx.errorLog());

    assertEquals(204, send(HttpMethod.POST, "/auth/logout", token).statusCode(), nginx.errorLog());
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/accounts/1", token);

    assertEquals(401, response.statusCode(), nginx.errorLog());
    assertEquals("Bearer error=\"invalid_token\"", response.getHeader("WWW-Authenticate"));
  }

  @Test
  void encodedTraversalNeverReachesUpstream() {
    String carol = token(TestUsers.CAROL, TestUsers.CAROL_PASSWORD);
    int before = upstreamRequests.get();

    HttpResponse<Buffer> response = send(HttpMethod.POST, "/accounts/%2e%2e/payments/x", carol);

    // authgate rejects the path with 400, which NGINX's auth_request turns into 500.
    assertEquals(500, response.statusCode(), nginx.errorLog());
    assertEquals(before, upstreamRequests.get(), "the upstream was reached");
  }

  @Test
  void verifyEndpointIsNotPublic() {
    assertEquals(404, send(HttpMethod.GET, "/auth/verify", null).statusCode(), nginx.errorLog());
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String uri, String token) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return TestGateway.await(request.send());
  }

  private static String token(String user, String password) {
    return gateway.login(user, password).getString("access_token");
  }
}
