package dev.authgate.login;

import dev.authgate.redis.RedisKeys;
import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds login documents in Redis by normalised username or email: one index read, then one document read. */
public final class CredentialStore {

  private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

  private final RedisStore redis;

  public CredentialStore(RedisStore redis) {
    this.redis = redis;
  }

  public Future<Optional<Credential>> findByLoginName(String normalisedName) {
    String indexKey = LoginNames.isEmail(normalisedName)
        ? RedisKeys.emailIndex(normalisedName)
        : RedisKeys.usernameIndex(normalisedName);
    return redis.send(Command.GET, indexKey)
        .compose(userId -> userId == null ? Future.succeededFuture(Optional.empty()) : findById(userId.toString()));
  }

  public Future<Optional<Credential>> findById(String userId) {
    return redis.send(Command.GET, RedisKeys.credential(userId))
        .map(document -> document == null ? Optional.empty() : parse(userId, document.toString()));
  }

  private static Optional<Credential> parse(String userId, String document) {
    try {
      Credential credential = Credential.fromJson(new JsonObject(document));
      if (credential.passwordHash() == null || credential.userId() == null) {
        LOG.warn("Login document of user {} lacks id or password_hash; treating the user as unknown", userId);
        return Optional.empty();
      }
      return Optional.of(credential);
    } catch (DecodeException | ClassCastException e) {
      LOG.warn("Login document of user {} is not valid JSON; treating the user as unknown", userId);
      return Optional.empty();
    }
  }
}
