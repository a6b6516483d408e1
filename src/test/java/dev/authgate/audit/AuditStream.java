package dev.authgate.audit;

import dev.authgate.redis.RedisStore;
import dev.authgate.testing.TestGateway;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit stream the way an operator would, with XRANGE, into one ordered field map per entry. */
final class AuditStream {

  /** The fields every entry has, in the order AuditLog writes them. */
  static final List<String> STABLE_FIELDS =
      List.of("event", "outcome", "subject", "client_ip", "user_agent", "session_id", "time");

  private AuditStream() {}

  static List<Map<String, String>> entries(RedisStore redis, String streamKey) {
    Response reply = TestGateway.await(redis.send(Command.XRANGE, streamKey, "-", "+"));
    List<Map<String, String>> entries = new ArrayList<>();
    for (Response entry : reply) {
      Response fields = entry.get(1);
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        map.put(fields.get(i).toString(), fields.get(i + 1).toString());
      }
      entries.add(map);
    }
    return entries;
  }

  /** Returns the entries of one event type, in stream order. */
  static List<Map<String, String>> ofType(List<Map<String, String>> entries, String event) {
    return entries.stream().filter(entry -> event.equals(entry.get("event"))).toList();
  }
}
