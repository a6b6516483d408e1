package dev.authgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.password.PasswordHasher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All gateway settings, validated. Every key, its unit and its default are documented in
 * {@code conf/authgate.yaml}; this class only reads and checks them.
 */
public record GatewayConfig(
    Mode mode, Http http, Redis redis, Tokens tokens, Password password, Dev dev, JsonNode tree) {

  /** HTTP listener settings. */
  public record Http(String host, int port, int instances, int maxBodyBytes, String publicUrl) {}

  /** Redis connection settings. {@code urls} is empty only in development mode with an embedded Redis. */
  public record Redis(
      List<String> urls, String type, String masterName, int poolSize, int maxWaiting, long timeoutMs,
      int retryAfterSeconds) {

    public Redis withUrl(String url) {
      return new Redis(List.of(url), type, masterName, poolSize, maxWaiting, timeoutMs, retryAfterSeconds);
    }
  }

  /** Life-cycle state of a signing key; see docs/key-rotation.md. */
  public enum KeyState {
    /** Published in the JWKS so gateways cache it, but not yet signing. */
    NEXT,
    /** Signs new tokens. Exactly one key is active. */
    ACTIVE,
    /** No longer signs; published until every token it signed has expired. */
    RETIRED
  }

  /** One configured signing key: PEM files on disk and its state. */
  public record SigningKeyFile(String kid, Path privateKeyFile, Path publicKeyFile, KeyState state) {}

  /** Access and refresh token settings. */
  public record Tokens(
      String issuer, List<String> audience, String algorithm, long accessTtlSeconds, long refreshTtlSeconds,
      long refreshGraceSeconds, long leewaySeconds, List<SigningKeyFile> signingKeys) {}

  /** Password hashing settings and the admission limits of the verify pool. */
  public record Password(
      String engine, int argon2MemoryKib, int argon2Iterations, int argon2Parallelism, int workers,
      int queueSize, int retryAfterSeconds, int maxBytes, boolean fastUnknownUsers) {}

  /** Development-mode settings. */
  public record Dev(Path seedFile) {}

  public static final List<String> ALGORITHMS = List.of("RS256", "ES256", "EdDSA");
  private static final List<String> REDIS_TYPES = List.of("standalone", "sentinel", "cluster");
  private static final List<String> ENGINES = List.of("auto", "libsodium", "java");
  private static final List<String> UNKNOWN_USER_POLICIES = List.of("equal-time", "fast");

  /**
   * Loads and validates the configuration.
   *
   * @param file the operator's file, or null when none was given
   * @param env the process environment
   */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = ConfigSource.load(file, env);
    return from(tree, file != null);
  }

  static GatewayConfig from(JsonNode tree, boolean fileGiven) {
    ConfigReader reader = new ConfigReader(tree);
    Mode mode = readMode(reader, fileGiven);
    Http http = readHttp(reader);
    GatewayConfig config = new GatewayConfig(
        mode, http, readRedis(reader), readTokens(reader, http), readPassword(reader), readDev(reader), tree);
    if (mode == Mode.PRODUCTION) {
      config.requireProductionSettings();
    }
    return config;
  }

  public GatewayConfig withRedisUrl(String url) {
    return new GatewayConfig(mode, http, redis.withUrl(url), tokens, password, dev, tree);
  }

  public GatewayConfig withHttpHost(String host) {
    Http changed = new Http(host, http.port, http.instances, http.maxBodyBytes, http.publicUrl);
    return new GatewayConfig(mode, changed, redis, tokens, password, dev, tree);
  }

  /**
   * Returns a reader over the whole validated tree. Feature packages read their own section through it
   * (for example {@code throttle.*}) and fail start-up with a {@link ConfigException} naming the key.
   */
  public ConfigReader reader() {
    return new ConfigReader(tree);
  }

  /** Returns the number of HTTP verticle instances, resolving 0 to one per core. */
  public int httpInstances() {
    return http.instances > 0 ? http.instances : Runtime.getRuntime().availableProcessors();
  }

  /** Returns the number of password verify threads, resolving 0 to one per core. */
  public int passwordWorkers() {
    return password.workers > 0 ? password.workers : Runtime.getRuntime().availableProcessors();
  }

  private void requireProductionSettings() {
    List<String> missing = new ArrayList<>();
    if (redis.urls.isEmpty()) {
      missing.add("redis.url (" + ConfigSource.environmentName("redis.url") + ")");
    }
    if (tokens.signingKeys.isEmpty()) {
      missing.add("tokens.signing-keys (" + ConfigSource.environmentName("tokens.signing-keys") + ")");
    }
    if (!missing.isEmpty()) {
      throw new ConfigException("Production mode needs " + String.join(" and ", missing)
          + ". Set them, or run without a configuration file for development mode.");
    }
  }

  private static Mode readMode(ConfigReader reader, boolean fileGiven) {
    String text = reader.text("mode").toLowerCase(Locale.ROOT);
    switch (text) {
      case "":
        return fileGiven ? Mode.PRODUCTION : Mode.DEVELOPMENT;
      case "development":
        return Mode.DEVELOPMENT;
      case "production":
        return Mode.PRODUCTION;
      default:
        throw new ConfigException("Configuration key 'mode' must be development or production, got '" + text + "'");
    }
  }

  private static Http readHttp(ConfigReader reader) {
    int port = reader.intBetween("http.port", 0, 65535);
    String publicUrl = reader.text("http.public-url");
    if (publicUrl.isEmpty()) {
      publicUrl = "http://localhost:" + port;
    }
    if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
      throw new ConfigException("Configuration key 'http.public-url' must start with http:// or https://, got '" + publicUrl + "'");
    }
    return new Http(
        reader.text("http.host"), port, reader.intBetween("http.instances", 0, 1024),
        reader.intBetween("http.max-body-bytes", 256, 1 << 20), stripTrailingSlash(publicUrl));
  }

  private static Redis readRedis(ConfigReader reader) {
    List<String> urls = reader.textList("redis.url");
    for (String url : urls) {
      if (!url.startsWith("redis://") && !url.startsWith("rediss://") && !url.startsWith("unix://")) {
        throw new ConfigException("Configuration key 'redis.url' must hold redis:// or rediss:// URLs, got an entry starting '"
            + url.substring(0, Math.min(url.length(), 10)) + "'");
      }
    }
    String type = oneOf(reader, "redis.type", REDIS_TYPES);
    return new Redis(
        urls, type, reader.text("redis.master-name"), reader.intBetween("redis.pool-size", 1, 1024),
        reader.intBetween("redis.max-waiting", 1, 1_000_000), reader.longBetween("redis.timeout-ms", 10, 600_000),
        reader.intBetween("redis.retry-after-seconds", 1, 3600));
  }

  private static Tokens readTokens(ConfigReader reader, Http http) {
    String issuer = reader.text("tokens.issuer");
    List<String> audience = reader.textList("tokens.audience");
    if (audience.isEmpty()) {
      throw new ConfigException("Configuration key 'tokens.audience' must name at least one audience");
    }
    long accessTtl = reader.longBetween("tokens.access-ttl-seconds", 10, 86_400);
    long refreshTtl = reader.longBetween("tokens.refresh-ttl-seconds", 60, 31_536_000);
    if (refreshTtl <= accessTtl) {
      throw new ConfigException("Configuration key 'tokens.refresh-ttl-seconds' (" + refreshTtl
          + ") must be longer than 'tokens.access-ttl-seconds' (" + accessTtl + ")");
    }
    return new Tokens(
        issuer.isEmpty() ? http.publicUrl() : issuer, List.copyOf(audience), oneOf(reader, "tokens.algorithm", ALGORITHMS),
        accessTtl, refreshTtl, reader.longBetween("tokens.refresh-grace-seconds", 0, 300),
        reader.longBetween("tokens.leeway-seconds", 0, 300), readSigningKeys(reader));
  }

  private static List<SigningKeyFile> readSigningKeys(ConfigReader reader) {
    JsonNode list = reader.node("tokens.signing-keys");
    if (!list.isArray()) {
      throw new ConfigException("Configuration key 'tokens.signing-keys' must be a list, got " + list.getNodeType());
    }
    List<SigningKeyFile> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigReader entry = new ConfigReader(list.get(i));
      String where = "tokens.signing-keys[" + i + "]";
      String kid = optionalText(entry, "kid");
      String privateFile = optionalText(entry, "private-key-file");
      String publicFile = optionalText(entry, "public-key-file");
      if (kid.isEmpty() || !kid.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new ConfigException("Configuration key '" + where + ".kid' must be 1 to 64 of A-Z a-z 0-9 . _ -, got '" + kid + "'");
      }
      if (privateFile.isEmpty()) {
        throw new ConfigException("Configuration key '" + where + ".private-key-file' is missing");
      }
      KeyState state = readKeyState(entry, where, list.size());
      keys.add(new SigningKeyFile(kid, Path.of(privateFile), publicFile.isEmpty() ? null : Path.of(publicFile), state));
    }
    checkKeySet(keys);
    return List.copyOf(keys);
  }

  private static KeyState readKeyState(ConfigReader entry, String where, int keyCount) {
    String text = optionalText(entry, "state").toUpperCase(Locale.ROOT);
    if (text.isEmpty()) {
      if (keyCount == 1) {
        return KeyState.ACTIVE;
      }
      throw new ConfigException("Configuration key '" + where + ".state' is missing; with several keys each needs next, active or retired");
    }
    try {
      return KeyState.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Configuration key '" + where + ".state' must be next, active or retired, got '" + text.toLowerCase(Locale.ROOT) + "'");
    }
  }

  private static void checkKeySet(List<SigningKeyFile> keys) {
    if (keys.isEmpty()) {
      return;
    }
    long active = keys.stream().filter(key -> key.state() == KeyState.ACTIVE).count();
    if (active != 1) {
      throw new ConfigException("Configuration key 'tokens.signing-keys' must have exactly one key in state active, found " + active);
    }
    long distinct = keys.stream().map(SigningKeyFile::kid).distinct().count();
    if (distinct != keys.size()) {
      throw new ConfigException("Configuration key 'tokens.signing-keys' has a kid used twice; each key needs its own kid");
    }
  }

  private static Password readPassword(ConfigReader reader) {
    return new Password(
        oneOf(reader, "password.engine", ENGINES), reader.intBetween("password.argon2-memory-kib", 1024, 4_194_304),
        reader.intBetween("password.argon2-iterations", 1, 100), reader.intBetween("password.argon2-parallelism", 1, 64),
        reader.intBetween("password.workers", 0, 1024), reader.intBetween("password.queue-size", 0, 100_000),
        reader.intBetween("password.retry-after-seconds", 1, 3600), reader.intBetween("password.max-bytes", 8, PasswordHasher.MAX_PASSWORD_BYTES),
        oneOf(reader, "password.unknown-users", UNKNOWN_USER_POLICIES).equals("fast"));
  }

  private static Dev readDev(ConfigReader reader) {
    return new Dev(Path.of(reader.text("dev.seed-file")));
  }

  private static String oneOf(ConfigReader reader, String key, List<String> allowed) {
    String value = reader.text(key);
    if (!allowed.contains(value)) {
      throw new ConfigException("Configuration key '" + key + "' must be one of " + allowed + ", got '" + value + "'");
    }
    return value;
  }

  private static String optionalText(ConfigReader reader, String key) {
    try {
      return reader.text(key);
    } catch (ConfigException e) {
      return "";
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
