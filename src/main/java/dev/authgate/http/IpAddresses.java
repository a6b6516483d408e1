package dev.authgate.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals and CIDR blocks without ever resolving a host name, because a DNS lookup would
 * block the event loop and a forged header could aim it anywhere.
 */
final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /**
   * Parses an IPv4 or IPv6 literal, optionally in brackets and with a port ({@code [2001:db8::1]:443},
   * {@code 192.0.2.1:8080}), as proxies sometimes write them. Returns empty for anything else.
   */
  static Optional<InetAddress> parse(String text) {
    String literal = stripPortAndBrackets(text.strip());
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    if (IPV4.matcher(literal).matches()) {
      return parseIpv4(literal);
    }
    // With a ':' in it, InetAddress treats the text as an IPv6 literal and fails instead of resolving it.
    if (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches()) {
      try {
        return Optional.of(InetAddress.getByName(literal));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Returns the canonical text of an address: dotted quad, or all eight IPv6 groups without zero compression. */
  static String text(InetAddress address) {
    return address.getHostAddress();
  }

  private static Optional<InetAddress> parseIpv4(String literal) {
    String[] parts = literal.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int value = Integer.parseInt(parts[i]);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
    }
  }

  private static String stripPortAndBrackets(String text) {
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      return close > 0 ? text.substring(1, close) : text;
    }
    int colon = text.indexOf(':');
    // Exactly one colon can only be IPv4 with a port; IPv6 literals have at least two.
    if (colon > 0 && colon == text.lastIndexOf(':')) {
      return text.substring(0, colon);
    }
    return text;
  }

  /** A block of addresses such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of one. */
  record Cidr(byte[] network, int prefixBits) {

    static Optional<Cidr> parse(String text) {
      int slash = text.indexOf('/');
      String addressText = slash < 0 ? text : text.substring(0, slash);
      if (addressText.startsWith("[") || addressText.strip().isEmpty()) {
        return Optional.empty();
      }
      Optional<InetAddress> address = IpAddresses.parse(addressText);
      if (address.isEmpty()) {
        return Optional.empty();
      }
      byte[] bytes = address.get().getAddress();
      int maxBits = bytes.length * 8;
      int bits;
      try {
        bits = slash < 0 ? maxBits : Integer.parseInt(text.substring(slash + 1).strip());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (bits < 0 || bits > maxBits) {
        return Optional.empty();
      }
      return Optional.of(new Cidr(bytes, bits));
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int fullBytes = prefixBits / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int restBits = prefixBits % 8;
      if (restBits == 0) {
        return true;
      }
      int mask = (0xFF << (8 - restBits)) & 0xFF;
      return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
  }
}
