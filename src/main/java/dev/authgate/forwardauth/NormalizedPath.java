package dev.authgate.forwardauth;

import java.util.List;

/**
 * A request path after {@link PathNormalizer}: decoded once, without dot segments, empty segments or path
 * parameters. {@code segments} is what rules match; {@code path} is the same joined with {@code /}, for logs.
 */
public record NormalizedPath(String path, List<String> segments) {

  static NormalizedPath of(List<String> segments) {
    return new NormalizedPath("/" + String.join("/", segments), List.copyOf(segments));
  }
}
