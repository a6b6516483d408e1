package dev.authgate.devmode;

import dev.authgate.profile.UserDocuments;
import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the demo users of development mode into Redis, from a JSON Lines file or, when the file is absent,
 * from the copy bundled in the jar. Writes are sent in concurrent chunks and overwrite earlier seeds.
 */
public final class DemoDataSeeder {

  static final String BUNDLED_RESOURCE = "conf/demo-profiles.jsonl";
  private static final Logger LOG = LoggerFactory.getLogger(DemoDataSeeder.class);
  private static final int WRITES_PER_BATCH = 400;

  private DemoDataSeeder() {}

  /** Seeds Redis and returns the number of users written. */
  public static Future<Integer> seed(Vertx vertx, RedisStore redis, Path seedFile) {
    // Reading and parsing 2 MB of JSON takes hundreds of milliseconds, so it runs on a worker thread.
    return vertx.executeBlocking(() -> toWrites(readLines(seedFile)))
        .compose(seed -> writeInBatches(redis, seed.writes(), 0).map(done -> seed.users()))
        .onSuccess(count -> LOG.info("Seeded {} demo users into Redis", count));
  }

  private record Seed(List<Request> writes, int users) {}

  private static Seed toWrites(List<String> lines) {
    List<Request> writes = new ArrayList<>();
    for (String line : lines) {
      writes.addAll(UserDocuments.toWrites(new JsonObject(line)));
    }
    return new Seed(writes, lines.size());
  }

  private static Future<Void> writeInBatches(RedisStore redis, List<Request> writes, int from) {
    if (from >= writes.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(writes.size(), from + WRITES_PER_BATCH);
    // Separate commands, not a batch, because a user's index keys and document keys lie in different Cluster slots.
    return redis.sendEach(writes.subList(from, to)).compose(done -> writeInBatches(redis, writes, to));
  }

  private static List<String> readLines(Path seedFile) {
    try {
      String text;
      if (Files.isRegularFile(seedFile)) {
        text = Files.readString(seedFile);
      } else {
        try (InputStream in = DemoDataSeeder.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
          if (in == null) {
            throw new IllegalStateException("Seed file " + seedFile + " does not exist and no bundled copy is in the jar");
          }
          text = Buffer.buffer(in.readAllBytes()).toString();
        }
      }
      return text.lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read seed file " + seedFile, e);
    }
  }
}
