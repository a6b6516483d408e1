package dev.authgate.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically by Redis. It is sent by digest (EVALSHA) and only sent whole when Redis
 * replies NOSCRIPT, for example after a restart or a failover. All keys of one call must share a hash tag
 * so that the script also runs on Redis Cluster.
 */
public final class LuaScript {

  private final String source;
  private final String sha1;

  public LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  public Future<Response> run(RedisStore store, List<String> keys, List<Object> args) {
    List<Object> params = new ArrayList<>();
    params.add(sha1);
    params.add(keys.size());
    params.addAll(keys);
    params.addAll(args);
    return store.send(Command.EVALSHA, params.toArray())
        .recover(failure -> {
          if (!RedisStore.isNoScript(failure)) {
            return Future.failedFuture(failure);
          }
          params.set(0, source);
          return store.send(Command.EVAL, params.toArray());
        });
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the Java platform", e);
    }
  }
}
