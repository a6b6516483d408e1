package dev.authgate.profile;

import dev.authgate.login.LoginNames;
import dev.authgate.redis.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;

/**
 * Splits one user record into the Redis writes that store it: the small login document, the large profile
 * body, and the username and email indexes. The development seeder uses it, and so will the profile loader.
 *
 * <p>Record shape: {@code {"id", "username", "email", "password_hash", "status", "roles", "permissions",
 * "profile": {...}}}.
 */
public final class UserDocuments {

  private UserDocuments() {}

  /** Returns the SET commands for {@code user}; throws {@link IllegalArgumentException} naming a bad field. */
  public static List<Request> toWrites(JsonObject user) {
    String id = requireText(user, "id");
    String username = requireText(user, "username");
    String email = requireText(user, "email");
    requireText(user, "password_hash");
    String normalisedUsername = LoginNames.normalise(username);
    if (LoginNames.isEmail(normalisedUsername)) {
      throw new IllegalArgumentException("user " + id + ": username must not contain '@'");
    }

    JsonObject credential = new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("email", email)
        .put("password_hash", user.getString("password_hash"))
        .put("status", user.getString("status", "active"))
        .put("roles", user.getJsonArray("roles", new JsonArray()))
        .put("permissions", user.getJsonArray("permissions", new JsonArray()));
    JsonObject profile = user.getJsonObject("profile", new JsonObject()).copy()
        .put("id", id)
        .put("username", username)
        .put("email", email);

    return List.of(
        Request.cmd(Command.SET).arg(RedisKeys.credential(id)).arg(credential.encode()),
        Request.cmd(Command.SET).arg(RedisKeys.profile(id)).arg(profile.encode()),
        Request.cmd(Command.SET).arg(RedisKeys.usernameIndex(normalisedUsername)).arg(id),
        Request.cmd(Command.SET).arg(RedisKeys.emailIndex(LoginNames.normalise(email))).arg(id));
  }

  private static String requireText(JsonObject user, String field) {
    Object value = user.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("user record " + user.getValue("id", "?") + ": field '" + field + "' must be a non-empty string");
    }
    return text;
  }
}
