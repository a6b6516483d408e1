package dev.authgate.forwardauth;

import dev.authgate.testing.TestGateway;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends {@code /auth/verify} requests the way each gateway does, and reads what tests need from responses. */
final class VerifyRequests {

  static final String HOST = "api.bank.example";

  private VerifyRequests() {}

  /** As NGINX auth_request with docs/gateways/nginx.conf: X-Original-Method, X-Original-URI, X-Forwarded-Host. */
  static HttpResponse<Buffer> nginx(TestGateway gateway, String method, String uri, String token) {
    return nginx(gateway, method, uri, token, MultiMap.caseInsensitiveMultiMap());
  }

  static HttpResponse<Buffer> nginx(TestGateway gateway, String method, String uri, String token, MultiMap extra) {
    HttpRequest<Buffer> request = gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", method)
        .putHeader("X-Original-URI", uri)
        .putHeader("X-Forwarded-Host", HOST);
    request.headers().addAll(extra);
    return send(request, token);
  }

  /** As Traefik forwardAuth: X-Forwarded-Method, X-Forwarded-Uri, X-Forwarded-Host. */
  static HttpResponse<Buffer> traefik(TestGateway gateway, String method, String uri, String token) {
    HttpRequest<Buffer> request = gateway.client().get("/auth/verify")
        .putHeader("X-Forwarded-Method", method)
        .putHeader("X-Forwarded-Uri", uri)
        .putHeader("X-Forwarded-Host", HOST)
        .putHeader("X-Forwarded-Proto", "https");
    return send(request, token);
  }

  /** As Envoy ext_authz with path_prefix /auth/verify: the original method, and the path appended. */
  static HttpResponse<Buffer> envoy(TestGateway gateway, HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = gateway.client().request(method, "/auth/verify" + path).putHeader("Host", HOST);
    return send(request, token);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String token) {
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return TestGateway.await(request.send());
  }

  /** Logs out the session of {@code token} at authgate itself, and fails the test unless the status is 204. */
  static void logout(TestGateway gateway, String token) {
    HttpResponse<Buffer> response = TestGateway.await(gateway.client().post("/auth/logout")
        .putHeader("Authorization", "Bearer " + token).send());
    if (response.statusCode() != 204) {
      throw new AssertionError("Logout failed with " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  static String accessToken(TestGateway gateway, String user, String password) {
    return gateway.login(user, password).getString("access_token");
  }

  static String problemType(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject();
    return body == null ? null : body.getString("type");
  }

  /** Returns the value of one Prometheus series from {@code /metrics}, or 0 when it is absent. */
  static double metric(TestGateway gateway, String series) {
    String text = TestGateway.await(gateway.client().get("/metrics").send()).bodyAsString();
    Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
