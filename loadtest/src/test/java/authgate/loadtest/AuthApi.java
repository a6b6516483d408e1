package authgate.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The gateway's HTTP API as Gatling requests, shared by all simulations. Requests read their inputs from
 * session attributes: {@code username} and {@code password} (from the feeder), {@code accessToken} and
 * {@code refreshToken} (saved by {@link #tokenPair()}).
 */
final class AuthApi {

  static final String ACCESS_TOKEN = "accessToken";
  static final String REFRESH_TOKEN = "refreshToken";
  static final String EXPIRES_IN = "expiresIn";

  // jsonStringify() quotes and escapes the value, so any character in a password stays valid JSON.
  private static final String LOGIN_BODY =
      "{\"username\":#{username.jsonStringify()},\"password\":#{password.jsonStringify()}}";
  private static final String REFRESH_BODY = "{\"refresh_token\":#{" + REFRESH_TOKEN + ".jsonStringify()}}";
  private static final String BEARER = "Bearer #{" + ACCESS_TOKEN + "}";

  private AuthApi() {}

  static HttpProtocolBuilder protocol() {
    return http.baseUrl(LoadTestConfig.baseUrl())
        .acceptHeader("application/json")
        .userAgentHeader("authgate-loadtest (Gatling)");
  }

  /** {@code POST /auth/login} with the feeder's username and password. Callers add the checks they need. */
  static HttpRequestActionBuilder login(String requestName) {
    return http(requestName).post("/auth/login")
        .body(StringBody(LOGIN_BODY)).asJson()
        .requestTimeout(LoadTestConfig.requestTimeout());
  }

  /** {@code POST /auth/refresh} with the saved refresh token, which the gateway accepts only once. */
  static HttpRequestActionBuilder refresh() {
    return http("refresh").post("/auth/refresh")
        .body(StringBody(REFRESH_BODY)).asJson()
        .requestTimeout(LoadTestConfig.requestTimeout())
        .check(tokenPair());
  }

  /** {@code GET /me} with the saved access token. The gateway puts the user's id in every profile. */
  static HttpRequestActionBuilder me() {
    return http("me").get("/me")
        .header("Authorization", BEARER)
        .requestTimeout(LoadTestConfig.requestTimeout())
        .check(status().is(200), jmesPath("id").exists());
  }

  /** {@code POST /auth/logout} with the saved access token, which ends the whole session. */
  static HttpRequestActionBuilder logout() {
    return http("logout").post("/auth/logout")
        .header("Authorization", BEARER)
        .requestTimeout(LoadTestConfig.requestTimeout())
        .check(status().is(204));
  }

  /** Checks a 200 token response and saves its access token, refresh token and expires_in (seconds). */
  static CheckBuilder[] tokenPair() {
    return new CheckBuilder[] {
        status().is(200),
        jmesPath("access_token").saveAs(ACCESS_TOKEN),
        jmesPath("refresh_token").saveAs(REFRESH_TOKEN),
        jmesPath("expires_in").ofInt().saveAs(EXPIRES_IN)
    };
  }
}
