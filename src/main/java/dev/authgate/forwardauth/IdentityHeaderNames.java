package dev.authgate.forwardauth;

import dev.authgate.config.ConfigException;
import dev.authgate.config.ConfigReader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of the headers that an allowed {@code /auth/verify} response carries, from {@code forward-auth.headers}.
 * The gateway copies them onto the upstream request, replacing any copy the client sent.
 */
public record IdentityHeaderNames(
    String subject, String roles, String permissions, String session, String permissionsOmitted) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

  /** Headers that gateways or HTTP itself give a meaning; an identity header must not reuse one. */
  private static final Set<String> RESERVED = Set.of(
      "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate", "host", "connection",
      "content-length", "content-type", "transfer-encoding", "te", "trailer", "upgrade", "keep-alive",
      "cookie", "set-cookie", "cache-control", "forwarded", "x-forwarded-for", "x-forwarded-host",
      "x-forwarded-proto", "x-forwarded-method", "x-forwarded-uri", "x-original-uri", "x-original-method",
      "x-real-ip", "retry-after");

  static IdentityHeaderNames read(ConfigReader reader, String section) {
    IdentityHeaderNames names = new IdentityHeaderNames(
        name(reader, section + ".subject"), name(reader, section + ".roles"),
        name(reader, section + ".permissions"), name(reader, section + ".session"),
        name(reader, section + ".permissions-omitted"));
    Set<String> seen = new HashSet<>();
    for (String name : names.all()) {
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new ConfigException("Configuration key '" + section + "' names header '" + name
            + "' twice; each identity header needs its own name");
      }
    }
    return names;
  }

  List<String> all() {
    return List.of(subject, roles, permissions, session, permissionsOmitted);
  }

  private static String name(ConfigReader reader, String key) {
    String name = reader.text(key);
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException("Configuration key '" + key + "' must be a header name of 1 to 64 letters, digits"
          + " and '-', got '" + name + "'");
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new ConfigException("Configuration key '" + key + "' must not be '" + name
          + "', which HTTP or the gateway already uses");
    }
    return name;
  }
}
