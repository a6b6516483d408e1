package dev.authgate.forwardauth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw request-target that a gateway forwards into the one path that rules are matched against, or
 * rejects it. The aim is that no spelling of a path reaches a protected route through a more lenient rule,
 * whatever the upstream server does with the same bytes. Steps, in order:
 *
 * <ol>
 *   <li>Cut the query ({@code ?}) and fragment ({@code #}). The rest must start with {@code /}.</li>
 *   <li>Reject raw control characters, spaces, non-ASCII bytes and backslashes: some servers treat
 *       {@code \} as {@code /}.</li>
 *   <li>Split on {@code /} and cut each segment at its first {@code ;}, so {@code /payments;x=1/1} is
 *       {@code /payments/1}, as servers that support path parameters (such as {@code ;jsessionid}) read it.</li>
 *   <li>Percent-decode each segment exactly once, hex digits in either case. Reject a {@code %} without two
 *       hex digits, and any decoded {@code %} (double encoding), {@code /} or {@code \} (encoded separators),
 *       {@code ;} (an encoded parameter delimiter) or control character, and bytes that are not UTF-8.</li>
 *   <li>Drop empty segments (so {@code //} collapses and a trailing {@code /} goes) and {@code .} segments.</li>
 *   <li>Reject {@code ..} segments, written plainly or encoded. Servers resolve them differently once empty
 *       segments, parameters or encodings are involved ({@code /admin//../x} is {@code /x} to one and
 *       {@code /admin/x} to another), so resolving them could match a lenient rule for a path the upstream
 *       serves from a protected one. Browsers and HTTP clients resolve dot segments before sending, so
 *       real traffic does not carry them.</li>
 *   <li>Reject segments that end in a dot or a space. Windows path handling drops those characters, so a server
 *       on Windows may serve {@code /payments.} as {@code /payments} while no rule for {@code payments} matched
 *       here.</li>
 * </ol>
 */
public final class PathNormalizer {

  /** Maximum length of the request-target, in characters. Longer ones are rejected unread. */
  static final int MAX_TARGET_CHARS = 8192;

  private PathNormalizer() {}

  /** Returns the normalised path of {@code target}; throws {@link RejectedRequestException} naming the problem. */
  public static NormalizedPath normalize(String target) {
    if (target == null || target.isEmpty()) {
      throw new RejectedRequestException("the original URI is empty");
    }
    if (target.length() > MAX_TARGET_CHARS) {
      throw new RejectedRequestException("the original URI is longer than " + MAX_TARGET_CHARS + " characters");
    }
    String path = withoutQuery(target);
    if (!path.startsWith("/")) {
      throw new RejectedRequestException("the original URI must be a path starting with '/'");
    }
    checkRawCharacters(path);

    List<String> segments = new ArrayList<>();
    for (String raw : path.substring(1).split("/", -1)) {
      String segment = decode(withoutParameters(raw));
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new RejectedRequestException("the original URI contains a '..' segment");
      }
      char last = segment.charAt(segment.length() - 1);
      if (last == '.' || last == ' ') {
        throw new RejectedRequestException("a segment of the original URI ends with a dot or a space");
      }
      segments.add(segment);
    }
    return NormalizedPath.of(segments);
  }

  private static String withoutQuery(String target) {
    int end = target.length();
    int query = target.indexOf('?');
    int fragment = target.indexOf('#');
    if (query >= 0) {
      end = query;
    }
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return target.substring(0, end);
  }

  private static void checkRawCharacters(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new RejectedRequestException("the original URI contains a space, control or non-ASCII character");
      }
      if (c == '\\') {
        throw new RejectedRequestException("the original URI contains a backslash");
      }
    }
  }

  private static String withoutParameters(String segment) {
    int semicolon = segment.indexOf(';');
    return semicolon < 0 ? segment : segment.substring(0, semicolon);
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      if (i + 2 >= segment.length()) {
        throw new RejectedRequestException("the original URI has a '%' without two hex digits");
      }
      int value = hexValue(segment.charAt(i + 1)) * 16 + hexValue(segment.charAt(i + 2));
      checkDecodedByte(value);
      bytes.write(value);
      i += 2;
    }
    return utf8(bytes.toByteArray());
  }

  private static int hexValue(char c) {
    int value = Character.digit(c, 16);
    if (value < 0 || c > 0x7f) {
      throw new RejectedRequestException("the original URI has a '%' without two hex digits");
    }
    return value;
  }

  private static void checkDecodedByte(int value) {
    switch (value) {
      case '%' -> throw new RejectedRequestException("the original URI is percent-encoded twice ('%25')");
      case '/', '\\' -> throw new RejectedRequestException("the original URI contains an encoded '/' or '\\'");
      case ';' -> throw new RejectedRequestException("the original URI contains an encoded ';'");
      default -> {
        if (value < 0x20 || value == 0x7f) {
          throw new RejectedRequestException("the original URI contains an encoded control character");
        }
      }
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RejectedRequestException("the original URI decodes to bytes that are not UTF-8");
    }
  }
}
