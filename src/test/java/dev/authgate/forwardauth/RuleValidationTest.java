package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authgate.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Start-up validation of {@code forward-auth.rules}: each bad rule fails with its index and what is wrong.
 * The first rule is always valid, so the index in the message shows the parser named the right one.
 */
class RuleValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = "{\"methods\": [\"GET\"], \"path\": \"/accounts/*\"}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"methods\": [\"GET\"]}                                       | path is missing",
      "{\"methods\": [\"GET\"], \"path\": \"accounts\"}                | path must start with '/'",
      "{\"methods\": [\"GET\"], \"path\": \"/acc*\"}                   | must be whole segments",
      "{\"methods\": [\"GET\"], \"path\": \"/a//b\"}                   | empty segment",
      "{\"methods\": [\"GET\"], \"path\": \"/accounts/\"}              | must not end with '/'",
      "{\"methods\": [\"GET\"], \"path\": \"/accounts/../admin\"}      | dot segment",
      "{\"methods\": [\"GET\"], \"path\": \"/payments.\"}              | ends with a dot",
      "{\"methods\": [\"GET\"], \"path\": \"/a%2fb\"}                  | write literals decoded",
      "{\"methods\": [\"GET\"], \"path\": \"/a;b\"}                    | write literals decoded",
      "{\"path\": \"/accounts\"}                                       | methods must be a non-empty list",
      "{\"methods\": [], \"path\": \"/accounts\"}                      | methods must be a non-empty list",
      "{\"methods\": \"GET\", \"path\": \"/accounts\"}                 | methods must be a non-empty list",
      "{\"methods\": [\"*\", \"GET\"], \"path\": \"/accounts\"}        | alone",
      "{\"methods\": [\"GE T\"], \"path\": \"/accounts\"}              | not an HTTP method",
      "{\"methods\": [\"GET\"], \"path\": \"/x\", \"permission\": []}   | unknown key 'permission'",
      "{\"host\": \"api.bank.example:443\", \"methods\": [\"GET\"], \"path\": \"/x\"} | without port",
      "{\"host\": \"*.bank.example\", \"methods\": [\"GET\"], \"path\": \"/x\"}       | without port or wildcard",
      "{\"methods\": [\"GET\"], \"path\": \"/x\", \"permissions\": \"a:b\"}           | must be a list",
      "{\"methods\": [\"GET\"], \"path\": \"/x\", \"permissions\": [\"a,b\"]}         | without ','",
      "{\"methods\": [\"GET\"], \"path\": \"/x\", \"roles\": [\"\"]}                  | 1 to 200",
      "[\"GET\", \"/x\"]                                                              | must be an object",
  })
  void rejectsBadRuleNamingIt(String rule, String fault) {
    ConfigException error = assertThrows(ConfigException.class, () -> parse("[" + VALID + ", " + rule + "]"));

    assertTrue(error.getMessage().startsWith("Configuration key 'forward-auth.rules[1]'"), error.getMessage());
    assertTrue(error.getMessage().contains(fault), error.getMessage());
  }

  @Test
  void rejectsRuleRepeatingEarlierOne() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> parse("[" + VALID + ", {\"methods\": [\"POST\", \"GET\"], \"path\": \"/accounts/*\"}]"));

    assertTrue(error.getMessage().contains("rules[1]': the rule covers the same host, method and path as rule 0"),
        error.getMessage());
  }

  @Test
  void acceptsSamePathForOtherMethod() {
    RouteRules rules = parse("[" + VALID + ", {\"methods\": [\"POST\"], \"path\": \"/accounts/*\"}]");

    assertEquals(2, rules.size());
  }

  @Test
  void acceptsSamePathForOtherHost() {
    RouteRules rules = parse("[" + VALID + ", {\"host\": \"api.bank.example\", \"methods\": [\"GET\"], \"path\": \"/accounts/*\"}]");

    assertEquals(2, rules.size());
  }

  @Test
  void rejectsRulesThatAreNotList() {
    ConfigException error = assertThrows(ConfigException.class, () -> parse("{\"methods\": [\"GET\"]}"));

    assertTrue(error.getMessage().contains("'forward-auth.rules' must be a list of rules"), error.getMessage());
  }

  @Test
  void lowerCasesMethodsAndHost() {
    RouteRules rules = parse("[{\"host\": \"API.Bank.Example.\", \"methods\": [\"get\"], \"path\": \"/x\"}]");

    assertEquals("rule 0 (api.bank.example GET /x)", rules.inMatchingOrder().get(0).describe());
  }

  private static RouteRules parse(String json) {
    try {
      return RuleParser.parse(JSON.readTree(json), "forward-auth.rules", true);
    } catch (java.io.IOException e) {
      throw new AssertionError("test rules are not JSON: " + json, e);
    }
  }
}
