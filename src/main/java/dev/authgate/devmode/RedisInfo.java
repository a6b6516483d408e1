package dev.authgate.devmode;

import java.util.HashMap;
import java.util.Map;

/** Fields of an {@code INFO} reply, which has one {@code key:value} per line and {@code #} section headers. */
final class RedisInfo {

  private final Map<String, String> fields;

  private RedisInfo(Map<String, String> fields) {
    this.fields = fields;
  }

  static RedisInfo parse(String reply) {
    Map<String, String> fields = new HashMap<>();
    if (reply != null) {
      for (String line : reply.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (line.startsWith("#") || colon < 0) {
          continue;
        }
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return new RedisInfo(fields);
  }

  /** Returns the value of a field, or null when the reply does not contain it. */
  String get(String key) {
    return fields.get(key);
  }
}
