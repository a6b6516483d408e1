package dev.authgate.forwardauth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured rules, ordered so that the first one that applies to a request is the most specific one.
 * "Most specific" is decided by these keys, in order, each only breaking ties of the one before:
 *
 * <ol>
 *   <li>a rule with a {@code host} before a rule for any host;</li>
 *   <li>more literal path segments first ({@code /accounts/*} before {@code /**});</li>
 *   <li>fewer wildcard segments first ({@code /a/*} before <code>/a/*&#47;*</code>);</li>
 *   <li>fewer {@code **} segments first, so {@code *} beats {@code **} ({@code /a/*} before {@code /a/**});</li>
 *   <li>a rule that lists the request's method, then a rule that covers HEAD because it lists GET, then a rule
 *       for any method ({@code methods: ["*"]});</li>
 *   <li>declaration order.</li>
 * </ol>
 *
 * <p>The first four keys depend only on the rules, so that order is computed once, at start-up. Matching
 * scans it and stops after the group of equally specific rules in which the first applicable rule was found,
 * picking from that group by the method key and then declaration order.
 */
public final class RouteRules {

  static final Comparator<RouteRule> SPECIFICITY = Comparator
      .comparingInt((RouteRule rule) -> rule.host() == null ? 1 : 0)
      .thenComparingInt(rule -> -rule.path().literals())
      .thenComparingInt(rule -> rule.path().wildcards())
      .thenComparingInt(rule -> rule.path().multiSegmentWildcards())
      .thenComparingInt(rule -> rule.anyMethod() ? 1 : 0)
      .thenComparingInt(RouteRule::index);

  private final List<RouteRule> bySpecificity;
  private final boolean caseSensitive;

  RouteRules(List<RouteRule> rules, boolean caseSensitive) {
    List<RouteRule> sorted = new ArrayList<>(rules);
    sorted.sort(SPECIFICITY);
    this.bySpecificity = List.copyOf(sorted);
    this.caseSensitive = caseSensitive;
  }

  /**
   * Returns the most specific rule for the request, or empty when none applies.
   *
   * @param host lower-case host without port, or null when the gateway did not send one; then only rules
   *     without a host apply
   * @param method upper-case method
   */
  Optional<RouteRule> match(String host, String method, NormalizedPath path) {
    List<String> segments = caseSensitive ? path.segments() : lowerCase(path.segments());
    RouteRule best = null;
    for (RouteRule rule : bySpecificity) {
      if (best != null && !rule.sameSpecificity(best)) {
        break;
      }
      if (!rule.appliesTo(host, method, segments)) {
        continue;
      }
      // Within a group the list is already in declaration order, so only a strictly better rank replaces.
      if (best == null || rule.methodRank(method) < best.methodRank(method)) {
        best = rule;
      }
    }
    return Optional.ofNullable(best);
  }

  public int size() {
    return bySpecificity.size();
  }

  /** Returns the rules in matching order, most specific first. */
  List<RouteRule> inMatchingOrder() {
    return bySpecificity;
  }

  private static List<String> lowerCase(List<String> segments) {
    return segments.stream().map(segment -> segment.toLowerCase(Locale.ROOT)).toList();
  }
}
