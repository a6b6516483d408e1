package dev.authgate.introspection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Client credentials from an HTTP Basic Authorization header. As RFC 6749 section 2.3.1 requires, the id and
 * the secret are form-urlencoded before the Basic encoding, so they are decoded again here.
 */
record BasicCredentials(String id, String secret) {

  private static final String SCHEME = "Basic ";

  /** Returns the credentials, or empty unless the headers contain exactly one well-formed Basic credential. */
  static Optional<BasicCredentials> from(List<String> authorizationHeaders) {
    if (authorizationHeaders.size() != 1) {
      return Optional.empty();
    }
    String header = authorizationHeaders.get(0);
    if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(header.substring(SCHEME.length()).trim());
      String pair = new String(decoded, StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      return Optional.of(new BasicCredentials(
          URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "BasicCredentials[id=" + id + "]";
  }
}
