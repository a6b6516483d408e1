package dev.authgate.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PathNormalizer}: every spelling that servers read in more than one way is either reduced to one
 * path or rejected. Each case is its own row, so a failure names the spelling.
 */
class PathNormalizerTest {

  @Test
  void plainPathKeepsItsSegments() {
    NormalizedPath path = PathNormalizer.normalize("/accounts/42");

    assertEquals(List.of("accounts", "42"), path.segments());
    assertEquals("/accounts/42", path.path());
  }

  @Test
  void rootHasNoSegments() {
    assertEquals(List.of(), PathNormalizer.normalize("/").segments());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // query and fragment are not part of the path
      "/accounts/1?x=/payments   | /accounts/1",
      "/accounts/1#/payments     | /accounts/1",
      // slashes collapse, trailing slash goes
      "//payments//1             | /payments/1",
      "/payments/1/              | /payments/1",
      // single-dot segments go, plain or encoded
      "/./payments/./1           | /payments/1",
      "/%2e/payments/%2E/1       | /payments/1",
      // path parameters are cut at ';', as Tomcat and Jetty do
      "/payments;jsessionid=1/1  | /payments/1",
      "/payments;/1;x            | /payments/1",
      // percent-encoding is decoded once, hex digits in either case
      "/%70ayments/1             | /payments/1",
      "/%70AYMENTS/%31           | /pAYMENTS/1",
      "/caf%C3%A9                | /café",
      // decoded characters that are not separators stay literal
      "/a%3Fb/c%23d              | /a?b/c#d",
  })
  void normalises(String raw, String expected) {
    assertEquals(expected, PathNormalizer.normalize(raw.trim()).path());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/accounts/../payments/1",      // plain dot-dot
      "/accounts/%2e%2e/payments/1",  // encoded dot-dot
      "/accounts/%2E%2e/payments/1",  // mixed-case encoding
      "/accounts/.%2e/payments/1",    // half encoded
      "/accounts/..;/payments/1",     // dot-dot hidden behind a path parameter
      "/accounts//../payments/1",     // dot-dot after an empty segment
      "/..",                          // above the root
  })
  void rejectsDotDotSegment(String raw) {
    assertRejected(raw, "'..' segment");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/payments%2f1", "/payments%2F1", "/accounts%5c..%5cpayments", "/payments%5C1"})
  void rejectsEncodedSeparator(String raw) {
    assertRejected(raw, "encoded '/' or '\\'");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/payments%252f1", "/%252e%252e/payments", "/payments%25"})
  void rejectsDoubleEncoding(String raw) {
    assertRejected(raw, "percent-encoded twice");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/payments%", "/payments%2", "/payments%zz", "/payments%u002e", "/payments%2g"})
  void rejectsInvalidPercentSequence(String raw) {
    assertRejected(raw, "without two hex digits");
  }

  @Test
  void rejectsRawBackslash() {
    assertRejected("/accounts\\..\\payments", "backslash");
  }

  @Test
  void rejectsEncodedSemicolon() {
    assertRejected("/payments%3bx/1", "encoded ';'");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/payments%00/1", "/payments%0a/1", "/payments%0D/1", "/payments%7f"})
  void rejectsEncodedControlCharacter(String raw) {
    assertRejected(raw, "encoded control character");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/payments /1", "/payments\t/1", "/caf\u00e9"})
  void rejectsRawSpaceOrNonAscii(String raw) {
    assertRejected(raw, "space, control or non-ASCII");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/payments./1", "/payments%2e/1", "/payments%20/1", "/payments...", "/payments.;x/1"})
  void rejectsTrailingDotOrSpace(String raw) {
    assertRejected(raw, "ends with a dot or a space");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/%c0%ae%c0%ae/payments", "/%ff", "/%e2%82"})
  void rejectsInvalidUtf8(String raw) {
    assertRejected(raw, "not UTF-8");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"payments/1", "http://bank.example/payments", "*", "?x=1"})
  void rejectsTargetWithoutLeadingSlash(String raw) {
    assertRejected(raw, "starting with '/'");
  }

  @Test
  void rejectsEmptyTarget() {
    assertRejected("", "empty");
  }

  @Test
  void rejectsOverlongTarget() {
    assertRejected("/" + "a".repeat(PathNormalizer.MAX_TARGET_CHARS), "longer than");
  }

  private static void assertRejected(String raw, String reason) {
    RejectedRequestException rejected =
        assertThrows(RejectedRequestException.class, () -> PathNormalizer.normalize(raw), raw);
    assertEquals(true, rejected.getMessage().contains(reason), raw + " rejected for: " + rejected.getMessage());
  }
}
