package dev.authgate.login;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The small login document of one user: what a login needs and nothing more, so that login does not read the
 * profile body. {@code passwordHash} is a PHC string and is never logged or returned.
 */
public record Credential(
    String userId, String username, String passwordHash, String status, List<String> roles, List<String> permissions) {

  public static final String ACTIVE = "active";

  public static Credential fromJson(JsonObject json) {
    return new Credential(
        json.getString("id"), json.getString("username"), json.getString("password_hash"),
        json.getString("status", ACTIVE), texts(json.getJsonArray("roles")), texts(json.getJsonArray("permissions")));
  }

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  private static List<String> texts(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (Object item : array) {
        out.add(String.valueOf(item));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "Credential[userId=" + userId + ", status=" + status + "]";
  }
}
