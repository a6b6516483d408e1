package dev.authgate.forwardauth;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client request that a gateway sends for checking, read from the verify request in one of two forms:
 *
 * <ul>
 *   <li>{@code /auth/verify} with headers: the method from {@code X-Original-Method} (NGINX) or
 *       {@code X-Forwarded-Method} (Traefik), the URI from {@code X-Original-URI} or {@code X-Forwarded-Uri},
 *       the host from {@code X-Forwarded-Host}. When both headers of a pair are present they must agree:
 *       Traefik passes client headers to the verify request, so a client could otherwise add its own
 *       {@code X-Original-URI} next to the one Traefik set, and the reverse holds for NGINX.</li>
 *   <li>{@code /auth/verify/<original path>} (Envoy ext_authz, which appends the path to its path prefix): the
 *       verify request's own method and Host. The URI headers are ignored, since the path is in the URL.</li>
 * </ul>
 *
 * @param method upper-case method
 * @param host lower-case host without port or trailing dot, or null when the gateway sent none
 */
record OriginalRequest(String method, String host, NormalizedPath path) {

  static final String VERIFY_PATH = "/auth/verify";

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,32}");
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?|\\[[0-9a-f:.]{2,45}]");

  /** Reads the original request; throws {@link RejectedRequestException} when it is missing or ambiguous. */
  static OriginalRequest from(HttpServerRequest request) {
    String rawPath = request.path();
    if (rawPath.equals(VERIFY_PATH)) {
      String method = agreeing(request, "X-Original-Method", "X-Forwarded-Method");
      String uri = agreeing(request, "X-Original-URI", "X-Forwarded-Uri");
      return new OriginalRequest(method(method), host(single(request, "X-Forwarded-Host")),
          PathNormalizer.normalize(uri));
    }
    if (rawPath.startsWith(VERIFY_PATH + "/")) {
      HostAndPort authority = request.authority();
      return new OriginalRequest(method(request.method().name()), host(authority == null ? null : authority.host()),
          PathNormalizer.normalize(rawPath.substring(VERIFY_PATH.length())));
    }
    throw new RejectedRequestException("the verify request path must be " + VERIFY_PATH + " or start with "
        + VERIFY_PATH + "/, written without percent-encoding");
  }

  /** Returns the one value of either header; both may be present only with the same value. */
  private static String agreeing(HttpServerRequest request, String first, String second) {
    String a = single(request, first);
    String b = single(request, second);
    if (a != null && b != null && !a.equals(b)) {
      throw new RejectedRequestException(first + " and " + second + " disagree");
    }
    if (a == null && b == null) {
      throw new RejectedRequestException("the gateway sent neither " + first + " nor " + second);
    }
    return a != null ? a : b;
  }

  private static String single(HttpServerRequest request, String name) {
    List<String> values = request.headers().getAll(name);
    if (values.size() > 1) {
      throw new RejectedRequestException("the request carries " + name + " more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static String method(String text) {
    String method = text.trim().toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches()) {
      throw new RejectedRequestException("the original method is not an HTTP method");
    }
    return method;
  }

  /** Lower-cases, drops the port and one trailing dot ({@code Api.Bank.Example.:443} is {@code api.bank.example}). */
  private static String host(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String host = text.trim().toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!HOST.matcher(host).matches()) {
      throw new RejectedRequestException("the original host is not a valid host name");
    }
    return host;
  }
}
