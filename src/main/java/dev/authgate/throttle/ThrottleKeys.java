package dev.authgate.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Redis keys of the login throttle, documented in {@code docs/redis-layout.md}. An existing account's keys
 * carry the user's hash tag {@code {u:<id>}}, like its other keys. An unknown login name gets the tag
 * {@code {n:<SHA-256 of the name>}}, so that a password typed into the name field is never stored in clear.
 * Each throttle script touches one key, so all of them also run on Redis Cluster.
 */
final class ThrottleKeys {

  private static final String PREFIX = "ag:";

  private ThrottleKeys() {}

  /** Returns the hash tag of the account an attempt is for: the user id when it exists, else the login name. */
  static String accountTag(String userId, String normalisedLoginName) {
    return userId != null ? "u:" + userId : "n:" + sha256(normalisedLoginName);
  }

  /** Failures from one client IP, or one IPv6 /64 block, against any account. */
  static String ip(String clientIp) {
    return PREFIX + "{ip:" + ipBlock(clientIp) + "}:fails";
  }

  /** Failures against one account from anywhere. */
  static String account(String accountTag) {
    return PREFIX + "{" + accountTag + "}:fails";
  }

  /** Failures against one account from one client IP (full address, also for IPv6). */
  static String accountIp(String accountTag, String clientIp) {
    return PREFIX + "{" + accountTag + "}:fails:ip:" + clientIp;
  }

  /** Failures against one account from one known device. */
  static String accountDevice(String accountTag, String deviceHash) {
    return PREFIX + "{" + accountTag + "}:fails:dev:" + deviceHash;
  }

  /** Sorted set of the account's known devices: SHA-256 of the device id, scored by the last login (epoch ms). */
  static String knownDevices(String userId) {
    return PREFIX + "{u:" + userId + "}:devices";
  }

  /** Returns the base64url SHA-256 of a text; device ids and unknown names are stored only in this form. */
  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /**
   * Returns the IPv6 /64 block of an address, because one subscriber is usually given a whole /64 and could
   * otherwise rotate addresses to get a fresh budget. IPv4 addresses are returned as they are.
   */
  static String ipBlock(String clientIp) {
    if (clientIp.indexOf(':') < 0) {
      return clientIp;
    }
    // ClientIp writes IPv6 addresses with all eight groups, so the first four are the /64 prefix.
    String[] groups = clientIp.split(":");
    if (groups.length != 8) {
      return clientIp;
    }
    return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
  }
}
