package dev.authgate.revocation;

import dev.authgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests that the revocation tests send to their gateways, and bounded polling for pub/sub delivery. */
final class BroadcastRequests {

  /** Polls at most this many times, {@value #POLL_INTERVAL_MS} ms apart: 5 s in all. */
  static final int POLL_ATTEMPTS = 50;
  static final long POLL_INTERVAL_MS = 100;

  /**
   * One issuer for every gateway of a test. Left empty it would be each gateway's own URL, so one instance
   * would reject the tokens of another.
   */
  static final Map<String, String> SHARED_ISSUER = Map.of("AUTHGATE_TOKENS_ISSUER", "https://auth.bank.test");

  static final String SUBSCRIBED = "authgate_revocation_subscribed";
  /** Session lookups sent to Redis by the token checks: one EXISTS each. */
  static final String LOOKUPS = "authgate_redis_command_seconds_count{command=\"exists\"}";

  private BroadcastRequests() {}

  /** Returns {@code settings} plus {@link #SHARED_ISSUER}. */
  static Map<String, String> withSharedIssuer(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.putAll(SHARED_ISSUER);
    return all;
  }

  /** Asks {@code /auth/verify} about {@code GET /accounts/1}, as NGINX auth_request does. */
  static HttpResponse<Buffer> verify(TestGateway gateway, String token) {
    return TestGateway.await(gateway.client().get("/auth/verify")
        .putHeader("X-Original-Method", "GET")
        .putHeader("X-Original-URI", "/accounts/1")
        .putHeader("Authorization", "Bearer " + token)
        .send());
  }

  static HttpResponse<Buffer> logout(TestGateway gateway, String token) {
    return TestGateway.await(gateway.client().post("/auth/logout").putHeader("Authorization", "Bearer " + token).send());
  }

  static HttpResponse<Buffer> refresh(TestGateway gateway, String refreshToken) {
    return gateway.postJson("/auth/refresh", new JsonObject().put("refresh_token", refreshToken));
  }

  /** Returns the value of one Prometheus series from {@code /metrics}, or 0 when it is absent. */
  static double metric(TestGateway gateway, String series) {
    String text = TestGateway.await(gateway.client().get("/metrics").send()).bodyAsString();
    Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  static boolean isSubscribed(TestGateway gateway) {
    return metric(gateway, SUBSCRIBED) == 1;
  }

  /** Sends {@code request} until its status is {@code expected}, and returns the last response. */
  static HttpResponse<Buffer> pollForStatus(int expected, Supplier<HttpResponse<Buffer>> request) {
    HttpResponse<Buffer> response = request.get();
    for (int attempt = 1; attempt < POLL_ATTEMPTS && response.statusCode() != expected; attempt++) {
      pause();
      response = request.get();
    }
    return response;
  }

  /** Sends {@code request} until its status is not 503, as pooled connections to a killed Redis fail first. */
  static HttpResponse<Buffer> retryWhileUnavailable(Supplier<HttpResponse<Buffer>> request) {
    HttpResponse<Buffer> response = request.get();
    for (int attempt = 1; attempt < POLL_ATTEMPTS && response.statusCode() == 503; attempt++) {
      pause();
      response = request.get();
    }
    return response;
  }

  /** Waits until {@code condition} holds, and returns whether it did. */
  static boolean pollUntil(Supplier<Boolean> condition) {
    for (int attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
      if (condition.get()) {
        return true;
      }
      pause();
    }
    return condition.get();
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while polling", e);
    }
  }
}
