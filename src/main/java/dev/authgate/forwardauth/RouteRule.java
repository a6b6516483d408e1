package dev.authgate.forwardauth;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code forward-auth.rules}: which requests it covers and what a token needs to pass.
 *
 * @param index position in the configured list, from 0; the last tie-break and the name in logs
 * @param host lower-case host without port, or null for any host
 * @param methods upper-case methods, or empty for any method. A rule for GET also covers HEAD, because
 *     upstream servers usually serve HEAD with their GET handler.
 * @param permissions every one of these is required
 * @param roles at least one of these is required, unless the list is empty
 */
record RouteRule(
    int index, String host, Set<String> methods, PathPattern path, List<String> permissions, List<String> roles) {

  boolean appliesTo(String requestHost, String method, List<String> segments) {
    if (host != null && !host.equals(requestHost)) {
      return false;
    }
    if (!methods.isEmpty() && !methods.contains(method) && !(method.equals("HEAD") && methods.contains("GET"))) {
      return false;
    }
    return path.matches(segments);
  }

  boolean allows(Collection<String> tokenRoles, Collection<String> tokenPermissions) {
    if (!tokenPermissions.containsAll(permissions)) {
      return false;
    }
    return roles.isEmpty() || roles.stream().anyMatch(tokenRoles::contains);
  }

  boolean anyMethod() {
    return methods.isEmpty();
  }

  /** Ranks how directly this rule names {@code method}: 0 listed, 1 HEAD covered by GET, 2 any method. */
  int methodRank(String method) {
    if (methods.contains(method)) {
      return 0;
    }
    return methods.isEmpty() ? 2 : 1;
  }

  /** Returns true when {@code other} ties with this rule on every specificity key before the method. */
  boolean sameSpecificity(RouteRule other) {
    return (host == null) == (other.host == null)
        && path.literals() == other.path.literals()
        && path.wildcards() == other.path.wildcards()
        && path.multiSegmentWildcards() == other.path.multiSegmentWildcards();
  }

  /** Returns a short name for logs, such as {@code rule 1 (POST /payments/**)}. */
  String describe() {
    String methodText = methods.isEmpty() ? "*" : String.join(",", methods);
    return "rule " + index + " (" + (host == null ? "" : host + " ") + methodText + " " + path + ")";
  }
}
