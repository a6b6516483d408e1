package authgate.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of every simulation, read from system properties ({@code -Dkey=value} on the mvn command line).
 * The defaults keep each simulation under a minute against a gateway on the same machine. Rates are arrivals
 * of virtual users per second (open model), durations are whole seconds, times are milliseconds.
 *
 * <p>Shared keys: {@code baseUrl} (http://127.0.0.1:8080), {@code duration} (30 s of injection),
 * {@code requestTimeoutMs} (5000), {@code usersFile} (demo-users.csv on the test classpath, or a file path),
 * {@code excludeUsers} (dave, comma-separated), and the assertion thresholds {@code p95Ms} (250),
 * {@code p99Ms} (500) and {@code maxFailedPercent} (1.0).
 *
 * <p>Per simulation: LoginStorm {@code startRate} (5) and {@code peakRate} (50); MobileSession
 * {@code sessionRate} (2), {@code reads} (10), {@code thinkMinMs} (500), {@code thinkMaxMs} (1500),
 * {@code refreshAfterReads} (4, 0 turns it off) and {@code refreshMarginSeconds} (30); PeakMix {@code rate}
 * (100), {@code mix} (login:10,refresh:30,me:60) and {@code poolSize} (20); Overload {@code capacity} (150),
 * {@code overloadFactor} (2.0) and {@code admittedMaxMs} (1000).
 *
 * <p>An invalid value fails the simulation before any request is sent, with the key and the value.
 */
public final class LoadTestConfig {

  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";
  public static final int DEFAULT_DURATION_SECONDS = 30;
  public static final int DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
  public static final String DEFAULT_USERS_FILE = "demo-users.csv";
  /** dave is the demo account that is locked on purpose: his correct password gets 403. */
  public static final String DEFAULT_EXCLUDED_USERS = "dave";
  // Latency goals for interactive requests. They are targets, not measurements of any machine.
  public static final int DEFAULT_P95_MS = 250;
  public static final int DEFAULT_P99_MS = 500;
  public static final double DEFAULT_MAX_FAILED_PERCENT = 1.0;

  public static final double DEFAULT_START_RATE = 5;
  public static final double DEFAULT_PEAK_RATE = 50;

  public static final double DEFAULT_SESSION_RATE = 2;
  public static final int DEFAULT_READS = 10;
  public static final int DEFAULT_THINK_MIN_MS = 500;
  public static final int DEFAULT_THINK_MAX_MS = 1_500;
  public static final int DEFAULT_REFRESH_AFTER_READS = 4;
  public static final int DEFAULT_REFRESH_MARGIN_SECONDS = 30;

  public static final double DEFAULT_RATE = 100;
  public static final String DEFAULT_MIX = "login:10,refresh:30,me:60";
  public static final int DEFAULT_POOL_SIZE = 20;

  /** A placeholder for the logins/s that one instance sustains. Measure yours and pass -Dcapacity. */
  public static final double DEFAULT_CAPACITY = 150;
  public static final double DEFAULT_OVERLOAD_FACTOR = 2.0;
  public static final int DEFAULT_ADMITTED_MAX_MS = 1_000;

  private LoadTestConfig() {}

  public static String baseUrl() {
    String value = text("baseUrl", DEFAULT_BASE_URL);
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw invalid("baseUrl", value, "an http:// or https:// URL with a host");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw invalid("baseUrl", value, "an http:// or https:// URL with a host");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  public static Duration duration() {
    return Duration.ofSeconds(positiveInt("duration", DEFAULT_DURATION_SECONDS));
  }

  public static Duration requestTimeout() {
    return Duration.ofMillis(positiveInt("requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS));
  }

  public static String usersFile() {
    return text("usersFile", DEFAULT_USERS_FILE);
  }

  public static Set<String> excludedUsers() {
    return Arrays.stream(text("excludeUsers", DEFAULT_EXCLUDED_USERS).split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  public static int p95Ms() {
    return positiveInt("p95Ms", DEFAULT_P95_MS);
  }

  public static int p99Ms() {
    return positiveInt("p99Ms", DEFAULT_P99_MS);
  }

  public static double maxFailedPercent() {
    double value = nonNegativeDouble("maxFailedPercent", DEFAULT_MAX_FAILED_PERCENT);
    if (value > 100) {
      throw invalid("maxFailedPercent", String.valueOf(value), "a percentage from 0 to 100");
    }
    return value;
  }

  public static double startRate() {
    return nonNegativeDouble("startRate", DEFAULT_START_RATE);
  }

  public static double peakRate() {
    return positiveDouble("peakRate", DEFAULT_PEAK_RATE);
  }

  public static double sessionRate() {
    return positiveDouble("sessionRate", DEFAULT_SESSION_RATE);
  }

  public static int reads() {
    return positiveInt("reads", DEFAULT_READS);
  }

  public static Duration thinkMin() {
    return Duration.ofMillis(nonNegativeInt("thinkMinMs", DEFAULT_THINK_MIN_MS));
  }

  public static Duration thinkMax() {
    Duration max = Duration.ofMillis(nonNegativeInt("thinkMaxMs", DEFAULT_THINK_MAX_MS));
    if (max.compareTo(thinkMin()) < 0) {
      throw invalid("thinkMaxMs", String.valueOf(max.toMillis()), "a value not below thinkMinMs");
    }
    return max;
  }

  public static int refreshAfterReads() {
    return nonNegativeInt("refreshAfterReads", DEFAULT_REFRESH_AFTER_READS);
  }

  public static Duration refreshMargin() {
    return Duration.ofSeconds(nonNegativeInt("refreshMarginSeconds", DEFAULT_REFRESH_MARGIN_SECONDS));
  }

  public static double rate() {
    return positiveDouble("rate", DEFAULT_RATE);
  }

  public static Mix mix() {
    return Mix.parse("mix", text("mix", DEFAULT_MIX));
  }

  public static int poolSize() {
    return positiveInt("poolSize", DEFAULT_POOL_SIZE);
  }

  public static double capacity() {
    return positiveDouble("capacity", DEFAULT_CAPACITY);
  }

  public static double overloadFactor() {
    return positiveDouble("overloadFactor", DEFAULT_OVERLOAD_FACTOR);
  }

  public static int admittedMaxMs() {
    return positiveInt("admittedMaxMs", DEFAULT_ADMITTED_MAX_MS);
  }

  static IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException("Invalid -D" + key + "=" + value + ": expected " + expected + ".");
  }

  private static String text(String key, String defaultValue) {
    String value = System.getProperty(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  private static int positiveInt(String key, int defaultValue) {
    return boundedInt(key, defaultValue, 1, "a whole number above 0");
  }

  private static int nonNegativeInt(String key, int defaultValue) {
    return boundedInt(key, defaultValue, 0, "a whole number, 0 or more");
  }

  private static int boundedInt(String key, int defaultValue, int min, String expected) {
    String value = text(key, String.valueOf(defaultValue));
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below together with the out-of-range case.
    }
    throw invalid(key, value, expected);
  }

  private static double positiveDouble(String key, double defaultValue) {
    double value = nonNegativeDouble(key, defaultValue);
    if (value == 0) {
      throw invalid(key, "0", "a number above 0");
    }
    return value;
  }

  private static double nonNegativeDouble(String key, double defaultValue) {
    String value = text(key, String.valueOf(defaultValue));
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= 0 && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below together with the out-of-range case.
    }
    throw invalid(key, value, "a number, 0 or more");
  }
}
