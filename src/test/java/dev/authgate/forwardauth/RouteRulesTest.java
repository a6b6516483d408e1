package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Matching of {@code forward-auth.rules}: which rule is the most specific, what wildcards cover, and what a
 * rule requires of a token. Rules are written as they would be in the configuration.
 */
class RouteRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hostRuleBeatsAnyHostRule() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/**"},
         {"host": "api.bank.example", "methods": ["GET"], "path": "/**"}]""");

    assertEquals(1, matchIndex(rules, "api.bank.example", "GET", "/accounts/1"));
  }

  @Test
  void hostRuleSkippedForOtherHost() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/**"},
         {"host": "api.bank.example", "methods": ["GET"], "path": "/**"}]""");

    assertEquals(0, matchIndex(rules, "admin.bank.example", "GET", "/accounts/1"));
  }

  @Test
  void hostRuleSkippedWithoutHost() {
    RouteRules rules = rules("""
        [{"host": "api.bank.example", "methods": ["GET"], "path": "/**"}]""");

    assertEquals(Optional.empty(), rules.match(null, "GET", path("/accounts/1")));
  }

  @Test
  void moreLiteralSegmentsWin() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/**"},
         {"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(1, matchIndex(rules, null, "GET", "/accounts/1"));
  }

  @Test
  void fewerWildcardsWin() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*/*"},
         {"methods": ["GET"], "path": "/accounts/**"}]""");

    assertEquals(1, matchIndex(rules, null, "GET", "/accounts/1/statements"));
  }

  @Test
  void singleWildcardBeatsDoubleWildcard() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/**"},
         {"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(1, matchIndex(rules, null, "GET", "/accounts/1"));
  }

  @Test
  void listedMethodBeatsAnyMethod() {
    RouteRules rules = rules("""
        [{"methods": ["*"], "path": "/accounts/*"},
         {"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(1, matchIndex(rules, null, "GET", "/accounts/1"));
  }

  @Test
  void anyMethodRuleCoversOtherMethods() {
    RouteRules rules = rules("""
        [{"methods": ["*"], "path": "/accounts/*"},
         {"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(0, matchIndex(rules, null, "DELETE", "/accounts/1"));
  }

  @Test
  void declarationOrderBreaksFullTie() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/a/*/c"},
         {"methods": ["GET"], "path": "/a/b/*"}]""");

    assertEquals(0, matchIndex(rules, null, "GET", "/a/b/c"));
  }

  @Test
  void getRuleCoversHead() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(0, matchIndex(rules, null, "HEAD", "/accounts/1"));
  }

  @Test
  void explicitHeadRuleBeatsEarlierGetRule() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*"},
         {"methods": ["HEAD"], "path": "/accounts/*"}]""");

    assertEquals(1, matchIndex(rules, null, "HEAD", "/accounts/1"));
  }

  @Test
  void getRuleBeatsAnyMethodForHead() {
    RouteRules rules = rules("""
        [{"methods": ["*"], "path": "/accounts/*"},
         {"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(1, matchIndex(rules, null, "HEAD", "/accounts/1"));
  }

  @Test
  void moreSpecificGroupWinsOverMethodRank() {
    RouteRules rules = rules("""
        [{"methods": ["HEAD"], "path": "/accounts/**"},
         {"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(1, matchIndex(rules, null, "HEAD", "/accounts/1"));
  }

  @Test
  void getRuleDoesNotCoverPost() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(Optional.empty(), rules.match(null, "POST", path("/accounts/1")));
  }

  @Test
  void doubleWildcardCoversZeroSegments() {
    RouteRules rules = rules("""
        [{"methods": ["POST"], "path": "/payments/**"}]""");

    assertEquals(0, matchIndex(rules, null, "POST", "/payments"));
  }

  @Test
  void doubleWildcardCoversDeepPath() {
    RouteRules rules = rules("""
        [{"methods": ["POST"], "path": "/payments/**"}]""");

    assertEquals(0, matchIndex(rules, null, "POST", "/payments/sepa/2026/01/batch"));
  }

  @Test
  void doubleWildcardInMiddleMatches() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/**/statements/*"}]""");

    assertEquals(0, matchIndex(rules, null, "GET", "/accounts/1/statements/2026"));
  }

  @Test
  void singleWildcardNeedsOneSegment() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(Optional.empty(), rules.match(null, "GET", path("/accounts")));
    assertEquals(Optional.empty(), rules.match(null, "GET", path("/accounts/1/statements")));
  }

  @Test
  void literalMatchesWholeSegmentOnly() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(Optional.empty(), rules.match(null, "GET", path("/accountsX/1")));
  }

  @Test
  void caseSensitiveByDefault() {
    RouteRules rules = rules("""
        [{"methods": ["GET"], "path": "/accounts/*"}]""");

    assertEquals(Optional.empty(), rules.match(null, "GET", path("/Accounts/1")));
  }

  @Test
  void caseInsensitiveWhenConfigured() throws Exception {
    RouteRules rules = RuleParser.parse(JSON.readTree("""
        [{"methods": ["GET"], "path": "/Accounts/*"}]"""), "forward-auth.rules", false);

    assertEquals(0, matchIndex(rules, null, "GET", "/ACCOUNTS/1"));
  }

  @Test
  void noRulesMatchNothing() {
    assertEquals(Optional.empty(), rules("[]").match(null, "GET", path("/accounts/1")));
  }

  @Test
  void ruleNeedsEveryPermission() {
    RouteRule rule = only("""
        [{"methods": ["POST"], "path": "/payments/**", "permissions": ["payments:create", "accounts:read"]}]""");

    assertTrue(rule.allows(List.of(), List.of("accounts:read", "payments:create", "profile:read")));
    assertFalse(rule.allows(List.of(), List.of("accounts:read")));
  }

  @Test
  void ruleNeedsOneOfRoles() {
    RouteRule rule = only("""
        [{"methods": ["GET"], "path": "/reports/**", "roles": ["auditor", "admin"]}]""");

    assertTrue(rule.allows(List.of("customer", "admin"), List.of()));
    assertFalse(rule.allows(List.of("customer"), List.of()));
  }

  @Test
  void ruleWithoutRequirementsAllowsAnyToken() {
    RouteRule rule = only("""
        [{"methods": ["GET"], "path": "/profile"}]""");

    assertTrue(rule.allows(List.of(), List.of()));
  }

  @Test
  void matchingOrderIsMostSpecificFirst() {
    RouteRules rules = rules("""
        [{"methods": ["*"], "path": "/**"},
         {"methods": ["GET"], "path": "/accounts/**"},
         {"methods": ["GET"], "path": "/accounts/*"},
         {"host": "api.bank.example", "methods": ["GET"], "path": "/**"},
         {"methods": ["GET"], "path": "/accounts/*/statements"}]""");

    List<Integer> order = rules.inMatchingOrder().stream().map(RouteRule::index).toList();

    assertEquals(List.of(3, 4, 2, 1, 0), order);
  }

  private static RouteRules rules(String json) {
    try {
      return RuleParser.parse(JSON.readTree(json), "forward-auth.rules", true);
    } catch (java.io.IOException e) {
      throw new AssertionError("test rules are not JSON: " + json, e);
    }
  }

  private static RouteRule only(String json) {
    return rules(json).inMatchingOrder().get(0);
  }

  private static int matchIndex(RouteRules rules, String host, String method, String rawPath) {
    return rules.match(host, method, path(rawPath))
        .map(RouteRule::index)
        .orElseThrow(() -> new AssertionError("no rule matched " + method + " " + rawPath));
  }

  private static NormalizedPath path(String raw) {
    return PathNormalizer.normalize(raw);
  }
}
