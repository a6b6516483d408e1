package dev.authgate.http;

/**
 * A failure with a known HTTP response, rendered as RFC 9457 problem+json. Handlers fail their futures with it;
 * {@link ProblemHandler} writes it. Stack traces are not filled in because these are expected outcomes.
 */
public final class HttpProblem extends RuntimeException {

  private final int status;
  private final String type;
  private final String title;
  private final String field;
  private final int retryAfterSeconds;

  private HttpProblem(int status, String type, String title, String detail, String field, int retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 400 for a field that is missing, of the wrong type or out of range. */
  public static HttpProblem invalidField(String field, String detail) {
    return new HttpProblem(400, "invalid-request", "Invalid request", detail, field, 0);
  }

  /** 400 for a body that is not the expected JSON object. */
  public static HttpProblem malformedBody(String detail) {
    return new HttpProblem(400, "malformed-body", "Malformed request body", detail, null, 0);
  }

  /** 401 for a failed login: one fixed text whatever the cause, so callers cannot probe for accounts. */
  public static HttpProblem invalidCredentials() {
    return new HttpProblem(401, "invalid-credentials", "Invalid credentials",
        "The username or password is incorrect.", null, 0);
  }

  /** 401 for a missing, invalid, expired or revoked access token. */
  public static HttpProblem invalidToken(String detail) {
    return new HttpProblem(401, "invalid-token", "Invalid token", detail, null, 0);
  }

  public static HttpProblem forbidden(String type, String title, String detail) {
    return new HttpProblem(403, type, title, detail, null, 0);
  }

  public static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "not-found", "Not found", detail, null, 0);
  }

  public static HttpProblem unsupportedMediaType(String detail) {
    return new HttpProblem(415, "unsupported-media-type", "Unsupported media type", detail, null, 0);
  }

  /** 503 with Retry-After, for overload and for a store that does not respond. */
  public static HttpProblem unavailable(String type, String detail, int retryAfterSeconds) {
    return new HttpProblem(503, type, "Service unavailable", detail, null, retryAfterSeconds);
  }

  /** 429 with Retry-After, for a login that must wait because of earlier failed attempts. */
  public static HttpProblem tooManyRequests(String type, String detail, int retryAfterSeconds) {
    return new HttpProblem(429, type, "Too many requests", detail, null, retryAfterSeconds);
  }

  public static HttpProblem of(int status, String type, String title, String detail) {
    return new HttpProblem(status, type, title, detail, null, 0);
  }

  public int status() {
    return status;
  }

  /** Returns the short problem name; the response carries it as {@code urn:authgate:problem:<name>}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Returns the name of the request field at fault, or null. */
  public String field() {
    return field;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
