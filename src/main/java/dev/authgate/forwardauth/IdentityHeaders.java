package dev.authgate.forwardauth;

import dev.authgate.token.VerifiedToken;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the identity headers of an allowed response. Every header is always written, even when empty, so that
 * a gateway that copies response headers over request headers (Traefik's authResponseHeaders, Envoy's
 * allowed_upstream_headers) also replaces a copy the client sent, and NGINX's {@code proxy_set_header} with an
 * empty value drops it.
 *
 * <p>Permission budget: when the comma-separated permissions are longer than
 * {@code permissions-header-max-bytes}, the permissions header is sent empty and the permissions-omitted header
 * is {@code true}. A cut list would silently drop permissions the upstream may check; an empty one with the
 * flag tells it to ask {@code /oauth/introspect} for the full list, or to refuse.
 */
final class IdentityHeaders {

  private IdentityHeaders() {}

  /**
   * Puts the headers on {@code headers}. Throws IllegalStateException when a claim contains characters that a
   * header value cannot carry. Those come from stored user data, and the response is then 500.
   *
   * @return true when the permissions were omitted for size
   */
  static boolean write(MultiMap headers, IdentityHeaderNames names, VerifiedToken token, int permissionsMaxBytes) {
    // Every value is checked before the first header is set, so a failure leaves no identity header behind.
    String subject = value("sub", token.subject());
    String session = value("sid", token.sessionId());
    String roles = list("roles", token.roles());
    String permissions = list("permissions", token.permissions());
    boolean omitted = permissions.getBytes(StandardCharsets.US_ASCII).length > permissionsMaxBytes;

    headers.set(names.subject(), subject);
    headers.set(names.session(), session);
    headers.set(names.roles(), roles);
    headers.set(names.permissions(), omitted ? "" : permissions);
    headers.set(names.permissionsOmitted(), Boolean.toString(omitted));
    return omitted;
  }

  private static String value(String claim, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalStateException("claim '" + claim + "' contains a character that a header value cannot carry");
      }
    }
    return text;
  }

  private static String list(String claim, List<String> items) {
    for (String item : items) {
      if (item.isEmpty() || item.indexOf(',') >= 0) {
        throw new IllegalStateException("claim '" + claim + "' contains an empty entry or one with a comma");
      }
      value(claim, item);
    }
    return String.join(",", items);
  }
}
