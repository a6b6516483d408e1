package dev.authgate.testing;

import dev.authgate.password.Argon2Parameters;
import dev.authgate.password.PasswordHasher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Users that integration tests write to their own Redis. Hashes use a low Argon2id cost so the suite stays
 * fast; the production default is measured by the benchmarks, not here.
 */
public final class TestUsers {

  public static final String ALICE = "alice";
  public static final String ALICE_PASSWORD = "wonderland-42";
  public static final String CAROL = "carol";
  public static final String CAROL_PASSWORD = "carol-demo-42";
  public static final String DAVE_LOCKED = "dave";
  public static final String DAVE_PASSWORD = "dave-demo-42";

  /** Low-cost Argon2id for tests only: 1 MiB, one pass. */
  public static final Argon2Parameters FAST = new Argon2Parameters(1024, 1, 1);

  private static volatile List<JsonObject> users;

  private TestUsers() {}

  public static synchronized List<JsonObject> all() {
    if (users == null) {
      PasswordHasher hasher = PasswordHasher.create("auto", FAST);
      users = List.of(
          user(hasher, "u-alice", ALICE, "alice@example.com", ALICE_PASSWORD, "active",
              List.of("customer"), List.of("accounts:read", "payments:create", "profile:read")),
          user(hasher, "u-carol", CAROL, "carol@example.com", CAROL_PASSWORD, "active",
              List.of("viewer"), List.of("accounts:read")),
          user(hasher, "u-dave", DAVE_LOCKED, "dave@example.com", DAVE_PASSWORD, "locked",
              List.of("customer"), List.of("accounts:read")));
    }
    return users;
  }

  private static JsonObject user(
      PasswordHasher hasher, String id, String username, String email, String password, String status,
      List<String> roles, List<String> permissions) {
    return new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("email", email)
        .put("password_hash", hasher.hash(password))
        .put("status", status)
        .put("roles", new JsonArray(roles))
        .put("permissions", new JsonArray(permissions))
        .put("profile", new JsonObject()
            .put("display_name", username.substring(0, 1).toUpperCase() + username.substring(1))
            .put("segment", "retail")
            .put("wish_list", new JsonArray().add(new JsonObject().put("name", "Travel card").put("price", 0))));
  }
}
