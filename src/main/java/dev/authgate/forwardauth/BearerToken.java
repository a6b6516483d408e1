package dev.authgate.forwardauth;

import dev.authgate.token.InvalidTokenException;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the bearer token of a request's Authorization header (RFC 6750 section 2.1). */
final class BearerToken {

  private static final String SCHEME = "Bearer ";
  /** The b64token syntax of RFC 6750; a JWS in compact form always fits it. */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private BearerToken() {}

  /**
   * Returns the token. Throws {@link MissingTokenException} when there is no bearer credential, and
   * {@link InvalidTokenException} when there is one that cannot be a token.
   */
  static String from(HttpServerRequest request) {
    List<String> values = request.headers().getAll("Authorization");
    if (values.isEmpty()) {
      throw new MissingTokenException();
    }
    if (values.size() > 1) {
      throw new InvalidTokenException("the request carries more than one Authorization header");
    }
    String header = values.get(0);
    if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new MissingTokenException();
    }
    String token = header.substring(SCHEME.length()).trim();
    if (!B64TOKEN.matcher(token).matches()) {
      throw new InvalidTokenException("the bearer token is empty or has characters that no token contains");
    }
    return token;
  }
}
