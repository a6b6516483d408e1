package dev.authgate.forwardauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule's path: literal segments, {@code *} (exactly one segment) and {@code **} (any number of segments,
 * zero included, so {@code /payments/**} also covers {@code /payments}). Literals are written in normalised
 * form, the way {@link PathNormalizer} outputs request paths, and match whole segments only.
 */
final class PathPattern {

  static final String ONE = "*";
  static final String ANY = "**";

  private final String text;
  private final List<String> segments;
  private final int literals;
  private final int wildcards;
  private final int multiSegmentWildcards;

  private PathPattern(String text, List<String> segments) {
    this.text = text;
    this.segments = List.copyOf(segments);
    this.literals = (int) segments.stream().filter(s -> !s.equals(ONE) && !s.equals(ANY)).count();
    this.multiSegmentWildcards = (int) segments.stream().filter(ANY::equals).count();
    this.wildcards = segments.size() - literals;
  }

  /**
   * Parses {@code text}; throws IllegalArgumentException saying what is wrong. With {@code caseSensitive}
   * false, literals are lower-cased, and {@link #matches} expects lower-cased request segments.
   */
  static PathPattern parse(String text, boolean caseSensitive) {
    if (text == null || !text.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/'");
    }
    if (text.equals("/")) {
      return new PathPattern(text, List.of());
    }
    if (text.endsWith("/")) {
      throw new IllegalArgumentException("path must not end with '/' (trailing slashes are ignored when matching)");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : text.substring(1).split("/", -1)) {
      checkSegment(segment);
      segments.add(caseSensitive ? segment : segment.toLowerCase(Locale.ROOT));
    }
    return new PathPattern(text, segments);
  }

  private static void checkSegment(String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("path has an empty segment ('//')");
    }
    if (segment.equals(ONE) || segment.equals(ANY)) {
      return;
    }
    if (segment.contains("*")) {
      throw new IllegalArgumentException("'*' and '**' must be whole segments, got '" + segment + "'");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException(
          "path has a dot segment, which request paths never contain after normalisation");
    }
    if (segment.endsWith(".") || segment.endsWith(" ")) {
      throw new IllegalArgumentException(
          "segment '" + segment + "' ends with a dot or a space, which request paths never do");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '%' || c == ';' || c == '\\' || c == '?' || c == '#') {
        throw new IllegalArgumentException("segment '" + segment
            + "' contains '%', ';', '\\', '?', '#' or a control character;"
            + " write literals decoded, as in the request path after normalisation");
      }
    }
  }

  /** Returns true when the whole of {@code path} matches this pattern. */
  boolean matches(List<String> path) {
    // matched[i][j]: the first i pattern segments match the first j path segments. O(pattern x path) even
    // with several '**', where naive backtracking is exponential.
    int p = segments.size();
    int n = path.size();
    boolean[][] matched = new boolean[p + 1][n + 1];
    matched[0][0] = true;
    for (int i = 1; i <= p; i++) {
      String segment = segments.get(i - 1);
      boolean any = segment.equals(ANY);
      matched[i][0] = any && matched[i - 1][0];
      for (int j = 1; j <= n; j++) {
        if (any) {
          matched[i][j] = matched[i - 1][j] || matched[i][j - 1];
        } else {
          boolean same = segment.equals(ONE) || segment.equals(path.get(j - 1));
          matched[i][j] = same && matched[i - 1][j - 1];
        }
      }
    }
    return matched[p][n];
  }

  /** Returns the pattern as matched, lower-cased when matching ignores case; equal keys match the same paths. */
  String key() {
    return "/" + String.join("/", segments);
  }

  int literals() {
    return literals;
  }

  int wildcards() {
    return wildcards;
  }

  int multiSegmentWildcards() {
    return multiSegmentWildcards;
  }

  @Override
  public String toString() {
    return text;
  }
}
